package io.omnirouter.history.conversation.web;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.MissedCall;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.conversation.model.ConversationEntry;
import io.omnirouter.history.conversation.model.ConversationPage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One conversation (a page of it), oldest first.
 *
 * @param customerId the customer asked for, or the one it was merged into
 * @param nextCursor pass it back as {@code cursor} for the next page; null on the last page
 */
public record ThreadResponse(UUID customerId, String threadKey, List<Item> items, String nextCursor) {

    /**
     * Like a timeline item, with the whole text instead of an excerpt; {@code textTruncated}: cut by the router;
     * {@code customerName}: the name the contact carried, null if none; {@code attachmentNames}: as sent; {@code details}:
     * as in the timeline; {@code callbackFor}: as in the timeline. A missed call's conversation holds its callbacks,
     * whose own {@code threadKey} is another.
     */
    public record Item(UUID contactId, Channel channel, Direction direction, ContactKind kind, Instant occurredAt, String threadKey,
                String subject, String text, boolean textTruncated, String agentId, Intent intent, Priority priority,
                String queue, String sourceEventId, String customerName, List<String> attachmentNames,
                Map<String, String> details, MissedCall callbackFor) {

        public static Item of(ConversationEntry entry) {
            return new Item(entry.contactId(), entry.channel(), entry.direction(), entry.kind(), entry.occurredAt(),
                    entry.threadKey(), entry.subject(), entry.text(), entry.textTruncated(), entry.agentId(), entry.intent(),
                    entry.priority(), entry.queue(), entry.sourceEventId(), entry.customerName(), entry.attachmentNames(),
                    entry.details(), entry.callbackFor());
        }
    }

    static ThreadResponse of(String threadKey, ConversationPage page) {
        return new ThreadResponse(page.customerId(), threadKey, page.items().stream().map(Item::of).toList(),
                page.next().map(TimelineCursor::encode).orElse(null));
    }
}
