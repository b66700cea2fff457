package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.ThreadKeys;
import io.omnirouter.schemas.ContractTopic;

/** channel.email: a mail, threaded by its root Message-ID (README.md "router-service", step 5). */
final class EmailMapping implements ChannelMapping<EmailEvent> {

    @Override
    public ContractTopic topic() {
        return ContractTopic.EMAIL;
    }

    @Override
    public Class<EmailEvent> eventClass() {
        return EmailEvent.class;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void check(EmailEvent email, ChannelIds ids) {
        ids.required(email.getMessageId(), "messageId");
        ids.optional(email.getInReplyTo(), "inReplyTo");
        ids.each(email.getReferences(), "references");
        ids.optional(email.getAgentId(), "agentId");
    }

    @Override
    public ChannelCustomer customer(EmailEvent email) {
        return ChannelCustomer.of(email.getCustomer());
    }

    @Override
    public String threadKey(EmailEvent email) {
        return ThreadKeys.email(email.getMessageId(), email.getInReplyTo(), email.getReferences());
    }

    @Override
    public String channelRef(EmailEvent email) {
        return email.getMessageId();
    }

    @Override
    public ContactKind kind(EmailEvent email) {
        return ContactKind.EMAIL;
    }

    @Override
    public Direction direction(EmailEvent email) {
        return email.getDirection();
    }

    @Override
    public void describe(EmailEvent email, ContactEvent.Builder contact) {
        contact.setAgentId(email.getAgentId())
                .setInReplyTo(email.getInReplyTo())
                .setAttachmentNames(FreeTexts.each(email.getAttachmentNames(), "attachmentNames"))
                .setPromisedReplyBy(email.getPromisedReplyBy());
    }

    @Override
    public ContactText text(EmailEvent email) {
        return new ContactText(FreeTexts.check(email.getSubject(), "subject"), FreeTexts.check(email.getBodyText(), "bodyText"));
    }

    @Override
    public Intent impliedIntent(EmailEvent email) {
        return null;
    }
}
