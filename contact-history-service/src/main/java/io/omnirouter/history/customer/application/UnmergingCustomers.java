package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.event.DomainEvents;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.CustomersUnmerged;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeLineage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes a recorded merge (contact-history-service/docs/identity-resolution-and-rebuild.md): records the supervisor's decision, which from then on forbids linking
 * the two customers, and re-derives their component from the stored contacts (each keeps the identifiers
 * its event carried), so both customers end as if the link had never happened.
 */
@Service
public class UnmergingCustomers {

    private final CustomerStore customers;
    private final ResolvingCustomers resolving;
    private final LookingUpCustomers lookingUp;
    private final DomainEvents events;
    private final TransactionTemplate transaction;

    public UnmergingCustomers(CustomerStore customers, ResolvingCustomers resolving, LookingUpCustomers lookingUp,
                              DomainEvents events, PlatformTransactionManager transactionManager) {
        this.customers = customers;
        this.resolving = resolving;
        this.lookingUp = lookingUp;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Both customers after the unmerge. */
    public record Unmerged(CustomerProfile survivor, CustomerProfile restored) {
    }

    /**
     * Checks that the merge can be undone now, before a supervisor's unmerge is published as an action.
     *
     * @throws CustomerNotFoundException    if there is no such customer
     * @throws MergeNotFoundException       if the customer has no such standing merge
     * @throws MergeAlreadyUndoneException  if it was undone before
     */
    public void checkUndoable(UUID customerId, UUID mergeId) {
        customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        standingMerge(mergeId, customerId);
    }

    /**
     * Undoes the merge at {@code at} (the action's time), joining the caller's transaction; the caller retries
     * when PostgreSQL aborts it to break a deadlock with concurrent ingest.
     *
     * @param customerId the customer the merge went into (or the one that customer was merged into since)
     * @param undoneBy   who decided, for the record
     * @param announce   whether to announce what changed (not when a rebuild replays it)
     * @throws CustomerNotFoundException    if there is no such customer
     * @throws MergeNotFoundException       if the customer has no such standing merge
     * @throws MergeAlreadyUndoneException  if it was undone before
     */
    public void unmerge(UUID customerId, UUID mergeId, String undoneBy, Instant at, boolean announce) {
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        Merge found = standingMerge(mergeId, customerId);
        customers.lockCustomers(new HashSet<>(List.of(current, found.survivorId(), found.mergedId())));
        // Read again under the locks: a concurrent re-derivation may have changed it meanwhile.
        Merge merge = standingMerge(mergeId, customerId);
        if (!current.equals(customers.currentIdOf(merge.survivorId()).orElse(null))) {
            throw new MergeNotFoundException(mergeId, customerId);
        }
        customers.recordUnmerge(merge, at, undoneBy);
        // The cause carried the linking identifiers: their component holds both customers and all they touch.
        resolving.rederive(merge.linkingIdentifiers(), announce);
        if (announce) {
            events.publish(new CustomersUnmerged(merge.mergeId(), merge.survivorId(), merge.mergedId()));
        }
    }

    /**
     * Both customers as undoing the merge now would leave them, for a supervisor to confirm: the unmerge itself, run
     * in a transaction that is rolled back, announcing nothing. So the preview is what the same code would do, never a
     * second guess of it; a contact arriving between preview and confirmation may still change the outcome.
     *
     * @throws CustomerNotFoundException    if there is no such customer
     * @throws MergeNotFoundException       if the customer has no such standing merge
     * @throws MergeAlreadyUndoneException  if it was undone before
     */
    public Unmerged preview(UUID customerId, UUID mergeId, String by, Instant at) {
        return transaction.execute(status -> {
            status.setRollbackOnly();
            unmerge(customerId, mergeId, by, at, false);
            Merge merge = customers.undoneMerge(mergeId).map(MergeLineage::merge).orElseThrow();
            return new Unmerged(lookingUp.profileOf(customers.currentIdOf(merge.survivorId()).orElseThrow()),
                    lookingUp.profileOf(customers.currentIdOf(merge.mergedId()).orElseThrow()));
        });
    }

    /** Both customers as they are after the merge was undone. */
    public Unmerged afterUnmerge(UUID mergeId) {
        return transaction.execute(status -> {
            Merge merge = customers.undoneMerge(mergeId).map(MergeLineage::merge)
                    .orElseThrow(() -> new MergeNotFoundException(mergeId, null));
            return new Unmerged(lookingUp.profileOf(customers.currentIdOf(merge.survivorId()).orElseThrow()),
                    lookingUp.profileOf(customers.currentIdOf(merge.mergedId()).orElseThrow()));
        });
    }

    private Merge standingMerge(UUID mergeId, UUID customerId) {
        return customers.merge(mergeId).orElseThrow(() -> customers.undoneMerge(mergeId).isPresent()
                ? new MergeAlreadyUndoneException(mergeId)
                : new MergeNotFoundException(mergeId, customerId));
    }
}
