package io.omnirouter.history.conversation.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.contact.model.CallbackLink;
import io.omnirouter.history.contact.model.ChannelDetails;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.MissedCall;
import io.omnirouter.history.contact.model.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One contact of a conversation, with its whole text (the timeline shows only an excerpt).
 *
 * @param textTruncated   whether the router cut the text to its maximum length
 * @param customerName    the name the contact carried (a sender's display name, a caller's name), null if none
 * @param attachmentNames the names of the attachments as sent (mail, social), empty for other channels
 * @param details         the channel's facts no other field holds, by name (as {@link ChannelDetails#facts})
 * @param callbackFor     the missed call this call is the callback of ({@link CallbackLink}), null for any other contact
 */
public record ConversationEntry(
        UUID contactId,
        Channel channel,
        Direction direction,
        ContactKind kind,
        Instant occurredAt,
        String threadKey,
        String subject,
        String text,
        boolean textTruncated,
        String agentId,
        Intent intent,
        Priority priority,
        String queue,
        String sourceEventId,
        String customerName,
        List<String> attachmentNames,
        Map<String, String> details,
        MissedCall callbackFor) {

    public ConversationEntry {
        attachmentNames = List.copyOf(attachmentNames);
        details = ChannelDetails.sortedFacts(details);
    }

    @Override
    public String toString() {
        // Subject and text are personal data: kept out of logs.
        return "ConversationEntry[contactId=" + contactId + ", channel=" + channel + ", occurredAt=" + occurredAt + "]";
    }
}
