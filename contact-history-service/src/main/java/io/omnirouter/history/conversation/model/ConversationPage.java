package io.omnirouter.history.conversation.model;

import io.omnirouter.history.contact.model.TimelineCursor;
import java.util.List;
import java.util.Optional;

/**
 * One page of a conversation, oldest first; {@code next} (the position of the page's last entry) is absent on
 * the last page.
 */
public record ConversationPage(List<ConversationEntry> items, Optional<TimelineCursor> next) {

    public ConversationPage {
        items = List.copyOf(items);
    }

    /** @param fetched up to {@code limit + 1} entries: the one more tells whether there is a next page */
    public static ConversationPage of(List<ConversationEntry> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new ConversationPage(fetched, Optional.empty());
        }
        ConversationEntry last = fetched.get(limit - 1);
        return new ConversationPage(fetched.subList(0, limit), Optional.of(new TimelineCursor(last.occurredAt(), last.contactId())));
    }
}
