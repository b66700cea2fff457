package io.omnirouter.history.contact.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One contact as a line of a customer's timeline; {@code textExcerpt} is the start of the text; {@code details}: the
 * channel's facts no other field holds (ContactEvent.details, e.g. a social contact's platform and visibility), by name;
 * {@code callbackFor}: the missed call this call is the callback of ({@link CallbackLink}), null for any other contact.
 */
public record TimelineEntry(
        UUID contactId,
        Channel channel,
        Direction direction,
        ContactKind kind,
        Instant occurredAt,
        String threadKey,
        String subject,
        String textExcerpt,
        String agentId,
        Intent intent,
        Priority priority,
        String queue,
        String sourceEventId,
        Map<String, String> details,
        MissedCall callbackFor) {

    public TimelineEntry {
        details = ChannelDetails.sortedFacts(details);
    }

    /** Where the next page starts: right after this entry. */
    public TimelineCursor cursorAfter() {
        return new TimelineCursor(occurredAt, contactId);
    }

    @Override
    public String toString() {
        return "TimelineEntry[contactId=" + contactId + ", channel=" + channel + ", occurredAt=" + occurredAt + "]";
    }
}
