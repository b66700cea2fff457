package io.omnirouter.history.contact.web;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.MissedCall;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.contact.model.TimelinePage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of a timeline, newest first.
 *
 * @param nextCursor pass it back as {@code cursor} for the next page; null on the last page
 */
record TimelineResponse(List<Item> items, String nextCursor) {

    /**
     * @param textExcerpt the start of the text, ending with … where it was cut
     * @param details     the channel's facts no other field holds, by name (ContactEvent.details: a social contact's
     *                    {@code platform} and {@code visibility}); empty for most contacts
     * @param callbackFor the missed inbound call this answered outbound call is the callback of (its contact, time and
     *                    conversation, which shows the callback too); null for every other contact
     */
    record Item(UUID contactId, Channel channel, Direction direction, ContactKind kind, Instant occurredAt, String threadKey,
                String subject, String textExcerpt, String agentId, Intent intent, Priority priority, String queue,
                String sourceEventId, Map<String, String> details, MissedCall callbackFor) {

        static Item of(TimelineEntry entry) {
            return new Item(entry.contactId(), entry.channel(), entry.direction(), entry.kind(), entry.occurredAt(),
                    entry.threadKey(), entry.subject(), entry.textExcerpt(), entry.agentId(), entry.intent(),
                    entry.priority(), entry.queue(), entry.sourceEventId(), entry.details(), entry.callbackFor());
        }
    }

    static TimelineResponse of(TimelinePage page) {
        return new TimelineResponse(page.items().stream().map(Item::of).toList(),
                page.next().map(TimelineCursor::encode).orElse(null));
    }
}
