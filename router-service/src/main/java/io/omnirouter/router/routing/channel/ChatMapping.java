package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.Direction;
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

/**
 * channel.chat: a step of a live-chat session, threaded by the session. The direction follows the author: the
 * customer's steps are inbound, those of an agent, a bot or the system outbound.
 */
final class ChatMapping implements ChannelMapping<ChatEvent> {

    @Override
    public ContractTopic topic() {
        return ContractTopic.CHAT;
    }

    @Override
    public Class<ChatEvent> eventClass() {
        return ChatEvent.class;
    }

    @Override
    public Channel channel() {
        return Channel.CHAT;
    }

    @Override
    public void check(ChatEvent chat, ChannelIds ids) {
        ids.required(chat.getSessionId(), "sessionId");
        ids.optional(chat.getAgentId(), "agentId");
        Ratings.checked(chat.getSatisfaction(), "satisfaction");
    }

    @Override
    public ChannelCustomer customer(ChatEvent chat) {
        return ChannelCustomer.of(chat.getCustomer());
    }

    @Override
    public String threadKey(ChatEvent chat) {
        return ThreadKeys.chat(chat.getSessionId());
    }

    @Override
    public String channelRef(ChatEvent chat) {
        return chat.getSessionId();
    }

    @Override
    public ContactKind kind(ChatEvent chat) {
        return switch (chat.getKind()) {
            case STARTED -> ContactKind.CHAT_STARTED;
            case MESSAGE -> ContactKind.CHAT_MESSAGE;
            case ENDED -> ContactKind.CHAT_ENDED;
            case TRANSFERRED -> ContactKind.CHAT_TRANSFERRED;
        };
    }

    @Override
    public Direction direction(ChatEvent chat) {
        return switch (chat.getAuthor()) {
            case CUSTOMER -> Direction.INBOUND;
            case AGENT, BOT, SYSTEM -> Direction.OUTBOUND;
        };
    }

    @Override
    public void describe(ChatEvent chat, ContactEvent.Builder contact) {
        contact.setAgentId(chat.getAgentId())
                .setChatAuthor(chat.getAuthor().name())
                .setResolved(chat.getResolved())
                .setRating(chat.getSatisfaction());
    }

    @Override
    public ContactText text(ChatEvent chat) {
        return ContactText.of(FreeTexts.check(chat.getText(), "text"));
    }

    /** A satisfaction rating is feedback, whatever the step. */
    @Override
    public Intent impliedIntent(ChatEvent chat) {
        return chat.getSatisfaction() != null ? Intent.FEEDBACK : null;
    }
}
