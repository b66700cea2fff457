package io.omnirouter.history.followup.application;

import io.omnirouter.history.customer.application.CommittedEvents;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.customer.model.ContactsReattributed;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.followup.application.FollowUpStore.PendingContact;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.PromiseKeeping;
import io.omnirouter.history.followup.model.TaskChanged;
import io.omnirouter.history.shared.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up use cases: applying stored contacts to the tasks (the poller), escalating overdue tasks (the
 * clock), and agents' actions. Each unit of work is one database transaction that stores the new task versions
 * and appends them to the outbox, under the customer's lock; {@link TaskChanged} follows each stored version
 * after the commit.
 */
@Service
public class KeepingPromises {

    private static final Logger log = LoggerFactory.getLogger(KeepingPromises.class);

    private final FollowUpStore store;
    private final PromiseKeeping keeping;
    private final TransactionTemplate transactions;
    private final TransactionTemplate afterCommit;
    private final CommittedEvents events;
    private final Clock clock;
    private final FollowUpProperties properties;
    private final LookingUpCustomers customers;

    public KeepingPromises(FollowUpStore store, PromiseKeeping keeping, PlatformTransactionManager transactionManager,
                           CommittedEvents events, Clock clock, FollowUpProperties properties, LookingUpCustomers customers) {
        this.store = store;
        this.keeping = keeping;
        this.transactions = new TransactionTemplate(transactionManager);
        // Merges are announced after the ingest's commit, while its transaction is still bound to the thread:
        // without a new transaction of its own, the transfer would run in that finished one's connection.
        this.afterCommit = new TransactionTemplate(transactionManager);
        this.afterCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.customers = customers;
    }

    /**
     * Applies one batch of contacts not yet applied (event-time order) in one transaction.
     *
     * @return how many contacts were applied (0 when there was nothing to do)
     */
    public int applyPendingContacts() {
        Integer applied = transactions.execute(status -> {
            List<PendingContact> pending = store.claimUnapplied(properties.workers().applyBatchSize());
            if (pending.isEmpty()) {
                return 0;
            }
            store.lockCustomers(pending.stream().map(PendingContact::customerId).toList());
            BatchOfContacts batch = BatchOfContacts.read(pending, store);
            List<FollowUpTask> changes = new ArrayList<>();
            for (PendingContact p : pending) {
                List<FollowUpTask> versions = keeping.onContact(p.contact(), p.customerId(), batch.openTasks(p.customerId()),
                        batch.contactsFrom(p.contact(), p.customerId()), batch.continuity(p.contact(), p.customerId()));
                batch.changed(p.customerId(), versions);
                changes.addAll(versions);
            }
            stored(changes);
            return pending.size();
        });
        return applied == null ? 0 : applied;
    }

    /**
     * One tick of the clock: escalates the tasks overdue at {@code now}. Safe with any number of instances: a
     * customer is handled under its lock, and its due tasks are re-read (and locked) once it is held.
     *
     * @return the escalations stored
     */
    public int escalateDue(Instant now) {
        int escalations = 0;
        for (UUID customerId : store.customersWithDueTasks(now, properties.workers().clockBatchSize())) {
            Integer stored = transactions.execute(status -> {
                if (!store.tryLockCustomer(customerId)) {
                    return 0; // another instance (or the poller) is at it; the next tick looks again
                }
                List<FollowUpTask> changes = new ArrayList<>();
                for (FollowUpTask task : store.dueTasks(customerId, now)) {
                    changes.addAll(keeping.onClock(task, now));
                }
                return stored(changes).size();
            });
            escalations += stored == null ? 0 : stored;
        }
        return escalations;
    }

    public int escalateDue() {
        return escalateDue(clock.instant());
    }

    public FollowUpTask complete(UUID taskId, String agent) {
        return change(taskId, task -> keeping.complete(task, agent, clock.instant()));
    }

    public FollowUpTask assign(UUID taskId, String agent) {
        if (agent == null || agent.isBlank()) {
            throw new InvalidRequestException("agent is required");
        }
        return change(taskId, task -> keeping.assign(task, agent.trim(), clock.instant()));
    }

    /**
     * Tasks matching the query. A customer id is taken as the customer goes by now (an agent may hold the id of a
     * customer merged or re-derived a moment ago), and its tasks include those of customers merged into it.
     */
    public List<FollowUpTask> search(FollowUpStore.TaskQuery query, Integer limit) {
        int max = properties.api().maxPageSize();
        int size = limit == null ? max : limit;
        if (size < 1 || size > max) {
            throw new InvalidRequestException("limit must be between 1 and " + max);
        }
        if (query.customerId() == null) {
            return store.search(query, size);
        }
        return customers.currentId(query.customerId())
                .map(current -> store.search(query.forCustomer(current), size))
                .orElse(List.of());
    }

    public FollowUpTask find(UUID taskId) {
        return store.find(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
    }

    public void markAbsent(String agentId, Instant from, Instant until, String by) {
        if (from == null || until == null || !from.isBefore(until)) {
            throw new InvalidRequestException("from and until are required, from before until");
        }
        store.putAbsence(agentId, from, until, by);
    }

    public boolean clearAbsence(String agentId) {
        return store.deleteAbsence(agentId);
    }

    /**
     * Open tasks of a merged customer become the survivor's (a new version each). Tasks the event misses (a
     * crash before it was handled) are still found: the survivor's open tasks include its merged customers'.
     */
    @EventListener
    public void onCustomersMerged(CustomersMerged merged) {
        try {
            afterCommit.executeWithoutResult(status -> {
                store.lockCustomers(List.of(merged.survivorId(), merged.mergedId()));
                List<FollowUpTask> moved = store.openTasks(merged.survivorId()).stream()
                        .filter(task -> task.customerId().equals(merged.mergedId()))
                        .map(task -> keeping.transfer(task, merged.survivorId(), merged.mergedAt()))
                        .toList();
                stored(moved);
            });
        } catch (RuntimeException e) {
            log.warn("Moving the open tasks of merged customer {} to {} failed (they stay found through the merge): {}",
                    merged.mergedId(), merged.survivorId(), e.toString());
        }
    }

    /**
     * Open tasks whose trigger contact a re-derivation moved to another customer (a late contact, an unmerge)
     * follow it: the promise was made to whoever made that contact.
     */
    @EventListener
    public void onContactsReattributed(ContactsReattributed reattributed) {
        try {
            afterCommit.executeWithoutResult(status -> followTriggers(reattributed.customerByContact()));
        } catch (RuntimeException e) {
            log.warn("Moving the open tasks of {} re-attributed contacts failed: {}", reattributed.customerByContact().size(), e.toString());
        }
    }

    /**
     * Open tasks that are not with the customer now holding their trigger contact (the service stopped between a
     * re-derivation or merge and moving them) go there. The workers run it once at start.
     *
     * @return the tasks moved
     */
    public int reattachStrayTasks() {
        Map<UUID, UUID> strays = store.strayTriggers();
        if (strays.isEmpty()) {
            return 0;
        }
        Integer moved = transactions.execute(status -> followTriggers(strays));
        log.info("Moved {} open tasks to the customers now holding their trigger contacts", moved);
        return moved == null ? 0 : moved;
    }

    /** Moves the open tasks triggered by the given contacts to the given customers, under both customers' locks. */
    private int followTriggers(Map<UUID, UUID> customerByContact) {
        Set<UUID> involved = new HashSet<>(customerByContact.values());
        store.openTasksTriggeredBy(customerByContact.keySet()).forEach(task -> involved.add(task.customerId()));
        store.lockCustomers(involved);
        Instant at = clock.instant();
        List<FollowUpTask> moved = store.openTasksTriggeredBy(customerByContact.keySet()).stream()
                .filter(task -> !task.customerId().equals(customerByContact.get(task.triggerContactId())))
                .map(task -> keeping.followTrigger(task, customerByContact.get(task.triggerContactId()), at))
                .toList();
        return stored(moved).size();
    }

    private FollowUpTask change(UUID taskId, java.util.function.UnaryOperator<FollowUpTask> change) {
        return transactions.execute(status -> {
            FollowUpTask current = find(taskId);
            store.lockCustomers(List.of(current.customerId()));
            FollowUpTask locked = find(taskId);
            if (!locked.isOpen()) {
                throw new TaskNotOpenException(taskId, locked.status().name());
            }
            FollowUpTask next = change.apply(locked);
            stored(List.of(next));
            return next;
        });
    }

    private List<FollowUpTask> stored(List<FollowUpTask> changes) {
        if (changes.isEmpty()) {
            return changes;
        }
        List<FollowUpTask> stored = store.save(changes, keeping::nextEscalationAt);
        stored.forEach(version -> events.publish(TaskChanged.of(version)));
        return stored;
    }
}
