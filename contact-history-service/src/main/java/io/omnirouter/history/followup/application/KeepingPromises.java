package io.omnirouter.history.followup.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.history.contact.application.RecordFaultDiagnosis;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.followup.application.FollowUpStore.PendingContact;
import io.omnirouter.history.followup.application.FollowUpStore.StrayTask;
import io.omnirouter.history.followup.model.AgentAbsence;
import io.omnirouter.history.followup.model.DerivedTasks;
import io.omnirouter.history.followup.model.FoldCheckpoint;
import io.omnirouter.history.followup.model.FoldedContacts;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.followup.model.PromiseKeeping;
import io.omnirouter.history.followup.model.TaskChanged;
import io.omnirouter.history.followup.model.TaskDecision;
import io.omnirouter.history.followup.model.TaskPage;
import io.omnirouter.history.followup.model.TaskRevisions;
import io.omnirouter.history.shared.event.DomainEvents;
import io.omnirouter.history.shared.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up use cases: deriving the tasks of the customers whose contacts changed (the poller), escalating
 * overdue tasks (the clock), and agents' decisions. Each unit of work is one database transaction that stores the
 * new task versions and appends them to the outbox, under the locks of the customers whose tasks it writes;
 * {@link TaskChanged} follows each stored version after the commit.
 *
 * <p>Determinism: a customer's tasks are always derived from all of its contacts in event-time order
 * ({@link PromiseKeeping#derive}) and written as the difference to what is stored ({@link TaskRevisions}), so they
 * never depend on the order contacts arrived in, on the clock, or on when a merge or re-derivation was applied.
 * Whatever changes a customer's contacts queues them in {@code followup_pending} in the same transaction (a
 * stored contact, a contact moved to another customer, with the customer it left), so no change is missed, even
 * across a crash.
 */
@Service
public class KeepingPromises {

    private static final Logger log = LoggerFactory.getLogger(KeepingPromises.class);
    /** Contacts whose follow-up PostgreSQL refused even on their own, by SQLState. */
    public static final String FOLLOW_UPS_REFUSED = "omnirouter.history.followup.refused";
    /**
     * Customers whose tasks were derived, tagged {@code from}: {@code checkpoint} (continued with its newer contacts) or
     * {@code first-contact} (every contact folded).
     */
    public static final String DERIVATIONS = "omnirouter.history.followup.derivations";

    private final FollowUpStore store;
    private final PromiseKeeping keeping;
    private final TransactionTemplate transactions;
    private final DomainEvents events;
    private final Clock clock;
    private final FollowUpProperties properties;
    private final LookingUpCustomers customers;
    private final RecordFaultDiagnosis diagnosis;
    private final MeterRegistry meters;

    public KeepingPromises(FollowUpStore store, PromiseKeeping keeping, PlatformTransactionManager transactionManager,
                           DomainEvents events, Clock clock, FollowUpProperties properties, LookingUpCustomers customers,
                           RecordFaultDiagnosis diagnosis, MeterRegistry meters) {
        this.store = store;
        this.keeping = keeping;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.customers = customers;
        this.diagnosis = diagnosis;
        this.meters = meters;
    }

    /**
     * Claims one batch of pending contacts and derives again, in one transaction, the tasks of the customers
     * holding them and of the customers they were moved away from. Nothing while a rebuild holds the follow-up.
     *
     * <p>A batch that PostgreSQL refuses with an error that can be a record's fault ({@link RecordFaultDiagnosis}: a
     * value breaking a constraint or a limit of the task tables) is applied again contact by contact, oldest first,
     * each in its own transaction. A contact refused even on its own is taken off the queue and recorded with the
     * SQLState ({@link FollowUpStore#refuseFollowUp}), so that it cannot block every contact behind it for ever; its
     * customer's tasks are derived without it from then on. Any other failure propagates, and the batch is retried.
     *
     * @return how many contacts were claimed (0 when there was nothing to do)
     */
    public int applyPendingContacts() {
        int batchSize = properties.workers().applyBatchSize();
        try {
            return applyPending(batchSize, new ArrayList<>());
        } catch (RuntimeException failure) {
            RecordFault fault = diagnosis.recordFaultIn(failure).orElseThrow(() -> failure);
            log.warn("Follow-up: applying {} contacts failed with SQLState {}, which can be a contact's fault: applying "
                    + "them one by one to find the contacts PostgreSQL refuses", batchSize, fault.sqlState());
        }
        int claimed = 0;
        for (int i = 0; i < batchSize; i++) {
            List<UUID> contact = new ArrayList<>(1);
            try {
                if (applyPending(1, contact) == 0) {
                    break;
                }
            } catch (RuntimeException failure) {
                RecordFault fault = diagnosis.recordFaultIn(failure).orElseThrow(() -> failure);
                if (contact.isEmpty()) {
                    throw failure;
                }
                UUID refused = contact.get(0);
                transactions.executeWithoutResult(status -> store.refuseFollowUp(refused, fault.sqlState(), fault.problem()));
                meters.counter(FOLLOW_UPS_REFUSED, "sqlstate", fault.sqlState()).increment();
                log.warn("Follow-up: PostgreSQL refuses the tasks of contact {} even on its own (SQLState {}, {}); its "
                        + "follow-up is skipped, the contacts behind it go on", refused, fault.sqlState(), fault.problem());
            }
            claimed++;
        }
        return claimed;
    }

    /**
     * One transaction: claims up to {@code limit} pending contacts (their ids into {@code claimed}) and applies them.
     * One at a time, the customer's tasks are derived from its applied contacts and this one only, so that a later
     * contact still queued, which may be the one at fault, cannot make this one look refused.
     */
    private int applyPending(int limit, List<UUID> claimed) {
        boolean alone = limit == 1;
        Integer applied = transactions.execute(status -> {
            List<PendingContact> pending = store.claimUnapplied(limit, properties.workers().applySettle());
            if (pending.isEmpty()) {
                return 0;
            }
            pending.forEach(contact -> claimed.add(contact.contactId()));
            Set<UUID> seeds = new LinkedHashSet<>();
            pending.forEach(contact -> {
                if (contact.customerId() != null) {
                    seeds.add(contact.customerId());
                }
                seeds.addAll(contact.formerCustomers());
            });
            // A batch folds every stored contact of its customers, queued ones too, so that a customer whose contacts
            // are spread over several batches (a backlog, a rebuild) is published in its final state at once, not in
            // the states its first batches give (RebuildIT: no task version again). Its checkpoint is then after the
            // latest stored contact and knows which contacts it folded, so those queued contacts, when claimed,
            // continue it instead of folding the customer from its first contact again ({@link #continuing}).
            stored(rederive(seeds, alone, alone ? List.of() : pending));
            return pending.size();
        });
        return applied == null ? 0 : applied;
    }

    /**
     * One tick of the clock: escalates the tasks overdue at {@code now}. Safe with any number of instances: a
     * customer is handled under its lock, and its due tasks are re-read (and locked) once it is held. What it
     * records is what deriving the customer's tasks at {@code now} would give.
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

    /** The agent completes the task at {@code at}, by the action {@code actionId} (the decision's place in order). */
    public FollowUpTask complete(UUID actionId, UUID taskId, String agent, Instant at) {
        return decide(actionId, taskId, TaskDecision.Kind.COMPLETE, agent, at);
    }

    /** The task is assigned to {@code agent} at {@code at}, by the action {@code actionId}. */
    public FollowUpTask assign(UUID actionId, UUID taskId, String agent, Instant at) {
        if (agent == null || agent.isBlank()) {
            throw new InvalidRequestException("agent is required");
        }
        return decide(actionId, taskId, TaskDecision.Kind.ASSIGN, agent.trim(), at);
    }

    /** The task goes back to its queue at {@code at}, assigned to nobody, by {@code agent}'s action {@code actionId}. */
    public FollowUpTask release(UUID actionId, UUID taskId, String agent, Instant at) {
        return decide(actionId, taskId, TaskDecision.Kind.RELEASE, agent, at);
    }

    /**
     * A task as it must be for an agent's decision: open.
     *
     * @throws TaskNotFoundException if there is none
     * @throws TaskNotOpenException  if it is done
     */
    public FollowUpTask openTask(UUID taskId) {
        FollowUpTask task = find(taskId);
        if (!task.isOpen()) {
            throw new TaskNotOpenException(taskId, task.status().name());
        }
        return task;
    }

    /**
     * Tasks matching the query. A customer id is taken as the customer goes by now (an agent may hold the id of a
     * customer merged or re-derived a moment ago), and its tasks include those of customers merged into it.
     */
    public TaskPage search(FollowUpStore.TaskQuery query, Integer limit) {
        int size = properties.api().pageSize(limit);
        if (query.customerId() == null) {
            return TaskPage.of(store.search(query, size + 1), size, query.order());
        }
        return customers.currentId(query.customerId())
                .map(current -> TaskPage.of(store.search(query.forCustomer(current), size + 1), size, query.order()))
                .orElse(new TaskPage(List.of(), null));
    }

    /** Open and overdue tasks by type and queue, every task counted (the console's queues, the ops gauges). */
    public List<OpenTaskCount> openTaskCounts() {
        return store.openTaskCounts();
    }

    public FollowUpTask find(UUID taskId) {
        return store.find(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
    }

    /** The agent is absent from {@code from} until {@code until}, as {@code by} said at {@code at}. */
    public void markAbsent(String agentId, Instant from, Instant until, String by, Instant at) {
        checkAbsence(from, until);
        store.putAbsence(agentId, from, until, by, at);
    }

    /** @throws InvalidRequestException unless both bounds are given, from before until */
    public static void checkAbsence(Instant from, Instant until) {
        if (from == null || until == null || !from.isBefore(until)) {
            throw new InvalidRequestException("from and until are required, from before until");
        }
    }

    /** Every agent's absence on record, past ones included until ended, soonest starting first. */
    public List<AgentAbsence> absences() {
        return store.absences().stream()
                .sorted(java.util.Comparator.comparing(AgentAbsence::from).thenComparing(AgentAbsence::agentId)).toList();
    }

    /** @throws AbsenceNotFoundException if the agent has no absence */
    public void clearAbsence(String agentId) {
        if (!store.deleteAbsence(agentId)) {
            throw new AbsenceNotFoundException(agentId);
        }
    }

    /**
     * Stored tasks that are not with the customer now holding their trigger contact (a store changed by hand; the
     * queue of moved contacts leaves none otherwise) are derived again with that customer. The workers run it
     * once at start.
     *
     * @return the stray tasks that got a new version
     */
    public int reattachStrayTasks() {
        List<StrayTask> strays = store.strayTasks();
        if (strays.isEmpty()) {
            return 0;
        }
        Integer moved = transactions.execute(status -> {
            Set<UUID> seeds = new LinkedHashSet<>();
            strays.forEach(stray -> {
                seeds.add(stray.customerId());
                if (stray.holder() != null) {
                    seeds.add(stray.holder());
                }
            });
            Set<UUID> strayIds = new HashSet<>();
            strays.forEach(stray -> strayIds.add(stray.taskId()));
            return (int) stored(rederive(seeds, false, List.of())).stream().map(FollowUpTask::taskId).filter(strayIds::contains).distinct().count();
        });
        log.info("Derived {} stray tasks again with the customers now holding their trigger contacts", moved);
        return moved == null ? 0 : moved;
    }

    /**
     * Derives the tasks of the customers now holding the contacts of {@code seeds} (customers, possibly merged or
     * gone) from all their contacts, and returns the versions that make the stored tasks so. Locks every customer
     * whose tasks it reads to write, and reads again until what it read under the locks holds still: the stored
     * tasks of the seeds and their holders, and of any customer holding one of those tasks' trigger contacts.
     *
     * @param appliedOnly derive from the contacts no longer queued only (and those claimed in this transaction)
     * @param claimed     the contacts this transaction claimed off the queue: a customer holding only claimed contacts
     *                    that come after its checkpoint, none of them moved, continues from the checkpoint
     *                    ({@link #continuing}); every other customer is folded from its first contact
     */
    private List<FollowUpTask> rederive(Set<UUID> seeds, boolean appliedOnly, List<PendingContact> claimed) {
        Instant now = clock.instant();
        Set<UUID> involved = new LinkedHashSet<>(seeds);
        Set<UUID> locked = new HashSet<>(involved);
        store.lockCustomers(locked);
        while (true) {
            Map<UUID, UUID> holderOf = store.holdersOf(involved);
            Set<UUID> holders = new LinkedHashSet<>(holderOf.values());
            List<AgentAbsence> absences = store.absences();
            Map<UUID, FoldCheckpoint> checkpoints = new HashMap<>();
            Map<UUID, List<Contact>> newer = continuing(holderOf, claimed, absences, checkpoints);
            Set<UUID> fromTheFirst = new LinkedHashSet<>(holders);
            fromTheFirst.removeAll(newer.keySet());
            Map<UUID, List<Contact>> contacts = store.contactsOf(fromTheFirst, appliedOnly);
            Map<UUID, UUID> holderOfContact = new HashMap<>();
            contacts.forEach((holder, held) -> held.forEach(contact -> holderOfContact.put(contact.contactId(), holder)));
            newer.forEach((holder, held) -> {
                held.forEach(contact -> holderOfContact.put(contact.contactId(), holder));
                checkpoints.get(holder).openTasks().forEach(task -> holderOfContact.put(task.triggerContactId(), holder));
            });
            Map<UUID, List<TaskDecision>> decisions = new HashMap<>();
            for (TaskDecision decision : store.decisionsOn(holderOfContact.keySet())) {
                decisions.computeIfAbsent(holderOfContact.get(decision.triggerContactId()), h -> new ArrayList<>()).add(decision);
            }
            List<DerivedTasks> parts = new ArrayList<>();
            Map<UUID, Optional<FoldCheckpoint>> nextCheckpoints = new LinkedHashMap<>();
            for (UUID holder : holders) {
                List<TaskDecision> onHeld = decisions.getOrDefault(holder, List.of());
                PromiseKeeping.Derivation derivation = newer.containsKey(holder)
                        ? keeping.continueFrom(checkpoints.get(holder), holder, newer.get(holder), onHeld, absences, now)
                        : keeping.derivation(holder, contacts.getOrDefault(holder, List.of()), onHeld, absences, now);
                parts.add(derivation.tasks());
                nextCheckpoints.put(holder, derivation.checkpoint());
            }
            // A customer merged into another holds no contacts of its own: nothing may continue its old fold.
            involved.stream().filter(customer -> !holders.contains(customer)).forEach(gone -> nextCheckpoints.put(gone, Optional.empty()));
            DerivedTasks derived = DerivedTasks.of(parts);
            // A continued customer's tasks done before its checkpoint are not derived again, and stay as they are.
            Set<UUID> customersAndHolders = new LinkedHashSet<>(involved);
            customersAndHolders.addAll(holders);
            customersAndHolders.removeAll(newer.keySet());
            List<FollowUpTask> stored = store.tasksOf(customersAndHolders, derived.histories().keySet());

            // A stored task whose trigger is with a customer not derived here is that customer's to derive.
            Set<UUID> triggersElsewhere = new HashSet<>();
            stored.stream().map(FollowUpTask::triggerContactId).filter(id -> !holderOfContact.containsKey(id)).forEach(triggersElsewhere::add);
            Set<UUID> otherHolders = new HashSet<>(store.holdersOfContacts(triggersElsewhere).values());
            otherHolders.removeAll(holders);
            Set<UUID> toLock = new HashSet<>(holders);
            toLock.addAll(otherHolders);
            stored.forEach(task -> toLock.add(task.customerId()));
            toLock.removeAll(locked);
            if (otherHolders.isEmpty() && toLock.isEmpty()) {
                Set<UUID> notStored = new HashSet<>(derived.histories().keySet());
                stored.forEach(task -> notStored.remove(task.taskId()));
                store.keepCheckpoints(nextCheckpoints);
                meters.counter(DERIVATIONS, "from", "checkpoint").increment(newer.size());
                meters.counter(DERIVATIONS, "from", "first-contact").increment(holders.size() - newer.size());
                return TaskRevisions.between(stored, store.cancelledVersions(notStored), derived, now);
            }
            involved.addAll(otherHolders);
            store.lockCustomers(toLock);
            locked.addAll(toLock);
        }
    }

    /**
     * The customers whose fold continues from its checkpoint ({@link PromiseKeeping#continueFrom}), with the contacts
     * to continue it with; their checkpoints into {@code checkpoints}. A customer continues when it holds only itself
     * among the customers to derive (no customer merged into it is among them), every claimed contact it holds was
     * stored, not moved, and either comes after the checkpoint in event-time order or was folded into it (what the
     * customer holds up to the checkpoint is what it folded, {@link FoldCheckpoint#hasFolded}), none moved away from
     * it, and the rules and absences are those of the checkpoint. Every contact not folded into a checkpoint is in the
     * queue (stored or moved since), so a customer whose contacts changed otherwise is folded from its first contact
     * when that contact is claimed, and gets a new checkpoint then (docs/follow-up-determinism.md, "Continuing from a
     * checkpoint").
     */
    private Map<UUID, List<Contact>> continuing(Map<UUID, UUID> holderOf, List<PendingContact> claimed, List<AgentAbsence> absences,
                                                Map<UUID, FoldCheckpoint> checkpoints) {
        if (claimed.isEmpty()) {
            return Map.of();
        }
        Set<UUID> candidates = new HashSet<>();
        claimed.forEach(contact -> candidates.add(contact.customerId()));
        holderOf.forEach((customer, holder) -> {
            if (!customer.equals(holder)) {
                candidates.remove(holder);
            }
        });
        claimed.forEach(contact -> {
            if (!contact.formerCustomers().isEmpty()) {
                candidates.remove(contact.customerId());
                candidates.removeAll(contact.formerCustomers());
            }
        });
        candidates.remove(null);
        if (candidates.isEmpty()) {
            return Map.of();
        }
        checkpoints.putAll(store.checkpointsOf(candidates));
        // A customer continues with every contact it holds after its checkpoint, queued ones too, as a fold from its
        // first contact would take them all in. A claimed contact that does not come after the checkpoint was folded
        // into it already if what the customer holds up to the checkpoint is what the checkpoint folded (a batch folds
        // its customers' queued contacts too, so in a backlog most claimed contacts are).
        Map<UUID, List<Contact>> newer = new HashMap<>(store.contactsAfter(checkpoints));
        Map<UUID, Set<UUID>> after = new HashMap<>();
        newer.forEach((holder, held) -> after.put(holder, held.stream().map(Contact::contactId).collect(Collectors.toSet())));
        Map<UUID, FoldCheckpoint> passed = new HashMap<>();
        claimed.stream().filter(contact -> checkpoints.containsKey(contact.customerId()))
                .filter(contact -> !after.get(contact.customerId()).contains(contact.contactId()))
                .forEach(contact -> passed.put(contact.customerId(), checkpoints.get(contact.customerId())));
        if (!passed.isEmpty()) {
            Map<UUID, FoldedContacts> heldUpTo = store.heldUpTo(passed);
            passed.forEach((holder, checkpoint) -> {
                if (!checkpoint.hasFolded(heldUpTo.get(holder))) {
                    newer.remove(holder);
                }
            });
        }
        newer.entrySet().removeIf(held -> !keeping.continues(checkpoints.get(held.getKey()), held.getValue(), absences));
        checkpoints.keySet().retainAll(newer.keySet());
        return newer;
    }

    /**
     * Records an agent's decision and derives the customer's tasks again with it: decisions are kept, so a later
     * re-derivation (a contact that arrived late, a merge, a rebuild) keeps them. A decision is kept only if it changes
     * its task at its place in event-time order and takes no kept decision's effect away ({@link PromiseKeeping#refusalOf}),
     * not if the task happens to be open when it is applied: so a rebuild, which applies the decisions after all the
     * contacts, keeps the same ones.
     *
     * @throws TaskNotFoundException if there is no such task
     * @throws TaskNotOpenException  if the task is done at the decision's time in event time
     */
    private FollowUpTask decide(UUID actionId, UUID taskId, TaskDecision.Kind kind, String agent, Instant at) {
        return transactions.execute(status -> {
            FollowUpTask current = find(taskId);
            store.lockCustomers(List.of(current.customerId()));
            FollowUpTask locked = find(taskId);
            UUID holder = keepIfItTakesEffect(new TaskDecision(taskId, locked.triggerContactId(), kind, agent, at, actionId));
            stored(rederive(new LinkedHashSet<>(List.of(locked.customerId(), holder)), false, List.of()));
            return find(taskId);
        });
    }

    /**
     * A decision read again from agent.actions by a rebuild: kept (in the shadow tables) on the same terms as
     * {@link #complete}/{@link #assign}, but no task is derived: the follow-up derives every customer after the switch.
     * The task is found among the tasks as published, which a rebuild keeps.
     *
     * @throws TaskNotFoundException if no such task was ever published
     * @throws TaskNotOpenException  if the task is done at the decision's time in event time
     */
    public void replayDecision(UUID actionId, UUID taskId, TaskDecision.Kind kind, String agent, Instant at) {
        UUID trigger = store.triggerOf(taskId).orElseThrow(() -> new TaskNotFoundException(taskId));
        keepIfItTakesEffect(new TaskDecision(taskId, trigger, kind, agent, at, actionId));
    }

    /** @return the customer holding the task's trigger contact, whose tasks the decision is among */
    private UUID keepIfItTakesEffect(TaskDecision decision) {
        UUID trigger = decision.triggerContactId();
        UUID holder = store.holdersOfContacts(List.of(trigger)).get(trigger);
        if (holder == null) {
            throw new TaskNotFoundException(decision.taskId());
        }
        List<Contact> contacts = store.contactsOf(List.of(holder), false).getOrDefault(holder, List.of());
        List<TaskDecision> kept = store.decisionsOn(contacts.stream().map(Contact::contactId).toList());
        keeping.refusalOf(decision, holder, contacts, kept).ifPresent(statusThen -> {
            throw new TaskNotOpenException(decision.taskId(), statusThen);
        });
        store.recordDecision(decision.actionId(), decision.taskId(), trigger, decision.kind(), decision.agentId(), decision.decidedAt());
        return holder;
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
