package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds customers: by id, or by an identifier as an agent types it. Each answer reads one snapshot (REPEATABLE READ,
 * which PostgreSQL never fails for a read-only transaction): it takes several statements, and a late contact
 * re-deriving the customer between two of them would otherwise make the customer found by the first vanish for the
 * second (a 404 for a customer that exists before and after).
 */
@Service
public class LookingUpCustomers {

    private final CustomerStore customers;
    private final OpenTaskCounts openTasks;
    private final ProfileProperties properties;

    public LookingUpCustomers(CustomerStore customers, OpenTaskCounts openTasks, ProfileProperties properties) {
        this.customers = customers;
        this.openTasks = openTasks;
        this.properties = properties;
    }

    /**
     * The customer owning an identifier.
     *
     * @param normalized as {@link IdentifierNormalizer} makes it: the API normalizes and checks what an agent typed
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<CustomerProfile> byNormalizedIdentifier(IdentifierType type, String normalized) {
        return customers.findByIdentifier(new Identifier(type, normalized)).map(customer -> profileOf(customer.customerId()));
    }

    /**
     * The customer's profile; for a customer that was merged into another, the other's (whose
     * {@code customerId} then differs from the one asked for).
     *
     * @throws CustomerNotFoundException if there is no such customer
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CustomerProfile profile(UUID customerId) {
        return profileOf(customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId)));
    }

    /**
     * The id a customer goes by now: its own, the one it was merged into, or (a customer that stopped
     * existing when a late contact re-derived its component) the one now holding the contact that created it.
     * Empty if there never was such a customer.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<UUID> currentId(UUID customerId) {
        return customers.currentIdOf(customerId);
    }

    /**
     * The customer an id answers with now, and every id that answers with it (its own, those of customers merged
     * into it or re-derived away): what other features kept by customer id is found by these.
     *
     * @throws CustomerNotFoundException if no customer ever had that id
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Set<UUID> idsAnsweringWith(UUID customerId) {
        return customers.idsAnsweringWith(customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId)));
    }

    /** Joins the caller's transaction; {@code customerId} must be a customer that was not merged away. */
    CustomerProfile profileOf(UUID customerId) {
        return new CustomerProfile(customers.find(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId)),
                customers.contactCount(customerId), openTasks.openTasksOf(customerId), customers.lineageOf(customerId),
                customers.contactFactsOf(customerId, properties.namesShown()));
    }
}
