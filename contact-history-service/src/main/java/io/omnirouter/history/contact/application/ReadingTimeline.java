package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineFilter;
import io.omnirouter.history.contact.model.TimelinePage;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.CustomerStore;
import io.omnirouter.history.shared.InvalidRequestException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** A customer's contacts on all channels, newest first, page by page. */
@Service
public class ReadingTimeline {

    private final ContactStore contacts;
    private final CustomerStore customers;
    private final TimelineProperties properties;

    public ReadingTimeline(ContactStore contacts, CustomerStore customers, TimelineProperties properties) {
        this.contacts = contacts;
        this.customers = customers;
        this.properties = properties;
    }

    /**
     * @param limit  page size, or null for the configured default
     * @param cursor the {@code next} cursor of the previous page, or null for the newest page
     * @param filter  which contacts to show
     * @param customerId a customer, or one merged into another (whose timeline is then the other's)
     * @throws CustomerNotFoundException if there is no such customer
     * @throws InvalidRequestException   if the limit is out of range
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public TimelinePage page(UUID customerId, Integer limit, TimelineCursor cursor, TimelineFilter filter) {
        int pageSize = limit == null ? properties.defaultPageSize() : limit;
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + properties.maxPageSize());
        }
        Optional<TimelineCursor> after = Optional.ofNullable(cursor);
        // A merged customer's contacts are the survivor's now: its timeline is the survivor's.
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        // One entry more than the page tells whether there is a next page.
        return TimelinePage.of(
                contacts.timeline(current, filter, after, pageSize + 1, properties.excerptLength()),
                pageSize);
    }
}
