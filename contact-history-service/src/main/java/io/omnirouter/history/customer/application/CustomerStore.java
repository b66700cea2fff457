package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierOwner;
import io.omnirouter.history.customer.model.ResolutionChanges;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where customers and their identifiers are kept. Writes join the caller's transaction. */
public interface CustomerStore {

    /**
     * Locks the identifiers until the current transaction ends, so that two transactions resolving the
     * same new identifier cannot both create a customer for it. Locks are taken in a global order.
     */
    void lockIdentifiers(Collection<Identifier> identifiers);

    /** The stored owners of those of {@code identifiers} that have one. */
    List<IdentifierOwner> ownersOf(Collection<Identifier> identifiers);

    void apply(ResolutionChanges changes);

    Optional<Customer> findByIdentifier(Identifier identifier);

    boolean exists(UUID customerId);
}
