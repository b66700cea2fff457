package io.omnirouter.history.conversation.model;

import io.omnirouter.history.contact.model.TimelineCursor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a conversation, oldest first; {@code next} (the position of the page's last entry) is absent on
 * the last page.
 *
 * @param customerId the customer whose conversation it is (for the id of a customer merged into another: the other)
 */
public record ConversationPage(UUID customerId, List<ConversationEntry> items, Optional<TimelineCursor> next) {

    public ConversationPage {
        items = List.copyOf(items);
    }

    /** @param fetched up to {@code limit + 1} entries: the one more tells whether there is a next page */
    public static ConversationPage of(UUID customerId, List<ConversationEntry> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new ConversationPage(customerId, fetched, Optional.empty());
        }
        ConversationEntry last = fetched.get(limit - 1);
        return new ConversationPage(customerId, fetched.subList(0, limit),
                Optional.of(new TimelineCursor(last.occurredAt(), last.contactId())));
    }
}
