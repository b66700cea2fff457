package io.omnirouter.history.consent.application;

import io.omnirouter.history.consent.model.Consents;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's consents as they stand: for each purpose, the latest change by (occurredAt, contactId) among the
 * contacts of the customer and of the customers merged or re-derived into it, as the follow-up's fold sees them.
 */
@Service
public class ReadingConsents {

    private final ConsentStore store;
    private final LookingUpCustomers customers;

    public ReadingConsents(ConsentStore store, LookingUpCustomers customers) {
        this.store = store;
        this.customers = customers;
    }

    /** The customer a (possibly merged) id answers with now, and its consents. */
    public record CustomerConsents(UUID customerId, Consents consents) {
    }

    /** @throws CustomerNotFoundException if there never was such a customer */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CustomerConsents consentsOf(UUID customerId) {
        UUID current = customers.currentId(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        Consents consents = new Consents();
        store.consentsOf(customers.idsAnsweringWith(current))
                .forEach(contact -> consents.apply(contact.contactId(), contact.occurredAt(), contact.changes()));
        return new CustomerConsents(current, consents);
    }
}
