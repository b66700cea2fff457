package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.Direction;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.Ratings;
import io.omnirouter.router.routing.model.ThreadKeys;
import io.omnirouter.schemas.ContractTopic;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * channel.social: a direct message or a public comment on a social platform, threaded by the platform's conversation
 * (or the post a comment is under) as {@code social:<platform>:<conversationId>}.
 *
 * <p>The customer is their handle on the platform, {@code socialHandle = <platform>:<handle>} in lower case, together
 * with whatever else the platform tells in {@code customer} (WhatsApp gives the phone number, which joins the person's
 * calls and mails). A handle the normalizer refuses (white space inside it, nothing after the '@', a control
 * character) is treated like any other unusable identifier (README.md "router-service", step 4): dropped with a
 * warning on the contact when a phone number or an e-mail address remains, the record dead-lettered with
 * {@code NO_USABLE_CUSTOMER_IDENTIFIER} naming {@code SOCIAL_HANDLE} when none does. A blank handle is no handle: with
 * no other identifier the record is dead-lettered with {@code NO_CUSTOMER_IDENTIFIER}.
 *
 * <p>{@code details} holds the platform and the visibility (their enum names): agents answer a public comment
 * differently from a private message, and on the platform it was written on.
 */
final class SocialMessageMapping implements ChannelMapping<SocialMessageEvent> {

    @Override
    public ContractTopic topic() {
        return ContractTopic.SOCIAL;
    }

    @Override
    public Class<SocialMessageEvent> eventClass() {
        return SocialMessageEvent.class;
    }

    @Override
    public Channel channel() {
        return Channel.SOCIAL;
    }

    @Override
    public void check(SocialMessageEvent message, ChannelIds ids) {
        ids.required(message.getConversationId(), "conversationId");
        ids.required(message.getMessageId(), "messageId");
        ids.optional(message.getReplyToId(), "replyToId");
        ids.optional(message.getAgentId(), "agentId");
        Ratings.checked(message.getRating(), "rating");
    }

    @Override
    public ChannelCustomer customer(SocialMessageEvent message) {
        String handle = message.getCustomerHandle();
        String socialHandle = handle == null || handle.isBlank() ? null : platform(message) + ":" + handle;
        return new ChannelCustomer(message.getCustomer(), socialHandle);
    }

    @Override
    public String threadKey(SocialMessageEvent message) {
        // The platform is part of the id: conversation and post ids are the platform's own, and two platforms may
        // issue the same one. It is bounded together with the id, so "social:" stays the prefix.
        return ThreadKeys.of("social", platform(message) + ":" + message.getConversationId().strip());
    }

    @Override
    public String channelRef(SocialMessageEvent message) {
        return message.getMessageId();
    }

    @Override
    public ContactKind kind(SocialMessageEvent message) {
        return switch (message.getVisibility()) {
            case PRIVATE_MESSAGE -> ContactKind.SOCIAL_MESSAGE;
            case PUBLIC_COMMENT -> ContactKind.SOCIAL_COMMENT;
        };
    }

    @Override
    public Direction direction(SocialMessageEvent message) {
        return message.getDirection();
    }

    @Override
    public void describe(SocialMessageEvent message, ContactEvent.Builder contact) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("platform", message.getPlatform().name());
        details.put("visibility", message.getVisibility().name());
        contact.setAgentId(message.getAgentId())
                .setInReplyTo(message.getReplyToId())
                .setAttachmentNames(FreeTexts.each(message.getAttachmentNames(), "attachmentNames"))
                .setRating(message.getRating())
                .setDetails(details);
    }

    @Override
    public ContactText text(SocialMessageEvent message) {
        return ContactText.of(FreeTexts.check(message.getText(), "text"));
    }

    /** A rated comment is a review of the page: feedback, as a rated chat or a shop review. */
    @Override
    public Intent impliedIntent(SocialMessageEvent message) {
        return message.getRating() != null ? Intent.FEEDBACK : null;
    }

    private static String platform(SocialMessageEvent message) {
        return message.getPlatform().name().toLowerCase(Locale.ROOT);
    }
}
