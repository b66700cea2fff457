package io.omnirouter.history.conversation.model;

import io.omnirouter.history.contact.model.Channel;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import java.time.Instant;
import java.util.UUID;

/**
 * One contact of a conversation, with its whole text (the timeline shows only an excerpt).
 *
 * @param textTruncated whether the router cut the text to its maximum length
 */
public record ConversationEntry(
        UUID contactId,
        Channel channel,
        Direction direction,
        String kind,
        Instant occurredAt,
        String threadKey,
        String subject,
        String text,
        boolean textTruncated,
        String agentId,
        Intent intent,
        Priority priority,
        String queue,
        String sourceEventId) {

    @Override
    public String toString() {
        // Subject and text are personal data: kept out of logs.
        return "ConversationEntry[contactId=" + contactId + ", channel=" + channel + ", occurredAt=" + occurredAt + "]";
    }
}
