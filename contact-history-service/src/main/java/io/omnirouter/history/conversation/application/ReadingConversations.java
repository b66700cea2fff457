package io.omnirouter.history.conversation.application;

import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.conversation.model.ConversationPage;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.CustomerStore;
import io.omnirouter.history.shared.InvalidRequestException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** One conversation of a customer (contacts of one thread key), oldest first, page by page. */
@Service
public class ReadingConversations {

    private final ConversationStore conversations;
    private final CustomerStore customers;
    private final ConversationProperties properties;

    public ReadingConversations(ConversationStore conversations, CustomerStore customers, ConversationProperties properties) {
        this.conversations = conversations;
        this.customers = customers;
        this.properties = properties;
    }

    /**
     * @param customerId a customer, or one merged into another (whose conversations are then the other's)
     * @param limit  page size, or null for the configured default
     * @param cursor the {@code nextCursor} of the previous page, or null for the first (oldest) page
     * @throws CustomerNotFoundException if there is no such customer
     * @throws ThreadNotFoundException   if the customer has no contact in the thread
     * @throws InvalidRequestException   if the thread key is blank, or the limit out of range
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ConversationPage page(UUID customerId, String threadKey, Integer limit, TimelineCursor cursor) {
        if (threadKey == null || threadKey.isBlank()) {
            throw InvalidRequestException.of("threadKey", "threadKey is required");
        }
        int pageSize = limit == null ? properties.defaultPageSize() : limit;
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + properties.maxPageSize());
        }
        Optional<TimelineCursor> after = Optional.ofNullable(cursor);
        // As the timeline: the id of a customer merged into another (or re-derived) answers with the current one.
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        ConversationPage page = ConversationPage.of(current, conversations.thread(current, threadKey, after, pageSize + 1), pageSize);
        // Past the last page a known thread is just empty; without a cursor, empty means there is no such thread.
        if (page.items().isEmpty() && after.isEmpty()) {
            throw new ThreadNotFoundException(customerId);
        }
        return page;
    }
}
