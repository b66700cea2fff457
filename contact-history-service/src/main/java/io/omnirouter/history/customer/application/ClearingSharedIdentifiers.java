package io.omnirouter.history.customer.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.SharingCleared;
import org.springframework.stereotype.Service;

/**
 * Clears a shared identifier (contact-history-service/docs/identity-resolution-and-rebuild.md, "Clearing a shared identifier"): a supervisor decides that
 * an identifier marked shared is the customer's own after all. The decision is recorded and the identifier's
 * component re-derived with it at its time: from then on the identifier links again, or the merge protection marks it
 * shared again when a contact after the clearing breaks a rule.
 */
@Service
public class ClearingSharedIdentifiers {

    private final CustomerStore customers;
    private final ResolvingCustomers resolving;

    public ClearingSharedIdentifiers(CustomerStore customers, ResolvingCustomers resolving) {
        this.customers = customers;
        this.resolving = resolving;
    }

    /**
     * Checks that the identifier can be cleared now, before the action is published.
     *
     * @throws CustomerNotFoundException   if there is no such customer
     * @throws IdentifierNotHeldException  if the customer (as it is now) does not hold the identifier
     * @throws IdentifierNotSharedException if the identifier is not marked shared
     */
    public void checkClearable(UUID customerId, Identifier identifier) {
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        IdentifierState state = heldBy(current, customerId, identifier);
        if (!state.shared()) {
            throw new IdentifierNotSharedException(identifier);
        }
    }

    /**
     * Clears the identifier at {@code at} (the action's time), joining the caller's transaction; the caller retries
     * when PostgreSQL aborts it to break a deadlock with concurrent ingest.
     *
     * @param actionId the action: the clearing's place among contacts of the same millisecond
     * @param announce whether to announce what changed (not when a rebuild replays it)
     * @throws CustomerNotFoundException    if there is no such customer
     * @throws IdentifierNotHeldException   if the customer does not hold the identifier
     * @throws IdentifierNotSharedException if it is not shared (any more)
     */
    public void clear(UUID customerId, Identifier identifier, UUID actionId, String clearedBy, Instant at, boolean announce) {
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        customers.lockCustomers(List.of(current));
        // Read again under the lock: a concurrent re-derivation may have changed it meanwhile.
        IdentifierState state = heldBy(customers.currentIdOf(customerId).orElseThrow(), customerId, identifier);
        if (!state.shared()) {
            throw new IdentifierNotSharedException(identifier);
        }
        customers.recordClearing(new SharingCleared(actionId, identifier, at), clearedBy);
        resolving.rederive(List.of(identifier), announce);
    }

    private IdentifierState heldBy(UUID current, UUID customerId, Identifier identifier) {
        return customers.identifierStates(List.of(identifier)).stream()
                .filter(state -> state.ownerId().equals(current))
                .findFirst()
                .orElseThrow(() -> new IdentifierNotHeldException(customerId, identifier));
    }
}
