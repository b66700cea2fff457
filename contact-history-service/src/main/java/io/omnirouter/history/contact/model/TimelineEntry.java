package io.omnirouter.history.contact.model;

import java.time.Instant;
import java.util.UUID;

/** One contact as a line of a customer's timeline; {@code textExcerpt} is the start of the text. */
public record TimelineEntry(
        UUID contactId,
        Channel channel,
        Direction direction,
        String kind,
        Instant occurredAt,
        String threadKey,
        String subject,
        String textExcerpt,
        String agentId,
        Intent intent,
        Priority priority,
        String queue,
        String sourceEventId) {

    /** Where the next page starts: right after this entry. */
    public TimelineCursor cursorAfter() {
        return new TimelineCursor(occurredAt, contactId);
    }

    @Override
    public String toString() {
        return "TimelineEntry[contactId=" + contactId + ", channel=" + channel + ", occurredAt=" + occurredAt + "]";
    }
}
