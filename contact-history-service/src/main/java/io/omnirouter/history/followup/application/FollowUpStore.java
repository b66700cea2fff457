package io.omnirouter.history.followup.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.followup.model.AgentAbsence;
import io.omnirouter.history.followup.model.FoldCheckpoint;
import io.omnirouter.history.followup.model.FoldedContacts;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.PromiseTally;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.followup.model.TaskCursor;
import io.omnirouter.history.followup.model.TaskDecision;
import io.omnirouter.history.followup.model.TaskOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The follow-up's persistence (PostgreSQL). Every method runs in the caller's transaction. Whoever writes the
 * tasks of a customer holds that customer's lock ({@link #lockCustomers}) until its transaction ends (the lock of
 * the customer a task is stored with, and of the one it moves to), so the contact poller, the clock and agents'
 * actions never compute two next versions of one task.
 */
public interface FollowUpStore {

    /**
     * A contact whose customer's tasks are to be derived again: a contact just stored, or one that identity
     * resolution moved to another customer (a merge, a re-derivation, an unmerge).
     *
     * @param customerId       the customer that now holds it (merges followed); null if it is no longer stored
     * @param formerCustomers  the customers it was moved away from since it was last claimed
     */
    record PendingContact(UUID contactId, UUID customerId, List<UUID> formerCustomers) {
    }

    /**
     * Filters of GET /api/tasks; null = any.
     *
     * @param customerId the customer's tasks and those of customers merged into it
     * @param assignee   an agent's tasks (assigned or suggested); {@link #NOBODY}: the tasks nobody has
     * @param order      the order answered in
     * @param after      where the previous page ended (in {@code order}); null: from the start
     */
    record TaskQuery(UUID customerId, String status, String type, String queue, String assignee, TaskOrder order,
                     TaskCursor after) {

        /** The assignee filter of tasks nobody has: in their queue for anyone to claim. */
        public static final String NOBODY = "";

        public TaskQuery {
            Objects.requireNonNull(order, "order");
            if (after != null && after.order() != order) {
                throw new IllegalArgumentException("a cursor of the order " + after.order() + " in a list by " + order);
            }
        }

        public TaskQuery forCustomer(UUID customer) {
            return new TaskQuery(customer, status, type, queue, assignee, order, after);
        }
    }

    /** A stored task that is not with the customer now holding its trigger contact ({@code holder}; null: none). */
    record StrayTask(UUID taskId, UUID customerId, UUID holder) {
    }

    /**
     * Claims up to {@code limit} pending contacts, oldest first (event time, then contact id), taking them off the
     * queue: they are back if the caller's transaction fails, and another instance skips them meanwhile, as it
     * skips contacts that identity resolution is moving right now (they come back once it has moved them). Only
     * contacts whose event time, or whose time in the queue, is more than {@code settle} in the past.
     */
    List<PendingContact> claimUnapplied(int limit, Duration settle);

    /** Waits for the customers' locks (taken in a fixed order, so two transactions never deadlock). */
    void lockCustomers(Collection<UUID> customerIds);

    /** The customer's lock if free right now. */
    boolean tryLockCustomer(UUID customerId);

    /** The customer now holding each given customer's contacts (itself, or the one it was merged into); customers that no longer exist are missing. */
    Map<UUID, UUID> holdersOf(Collection<UUID> customerIds);

    /** The customer now holding each given contact; contacts not stored are missing. */
    Map<UUID, UUID> holdersOfContacts(Collection<UUID> contactIds);

    /**
     * Each holder's contacts, those of customers merged into it included, but for those whose follow-up was refused;
     * with {@code appliedOnly}, also without those still queued in {@code followup_pending} (claimed ones are not).
     */
    Map<UUID, List<Contact>> contactsOf(Collection<UUID> holders, boolean appliedOnly);

    /**
     * Each customer's contacts (by its checkpoint) that come after its checkpoint in event-time order: those
     * {@link #contactsOf} would give (queued ones too), for each customer given, an empty list if none.
     */
    Map<UUID, List<Contact>> contactsAfter(Map<UUID, FoldCheckpoint> checkpoints);

    /**
     * What each customer (by its checkpoint) holds up to its checkpoint in event-time order: the contacts
     * {@link #contactsOf} would give (queued ones too) that do not come after it ({@link FoldCheckpoint#precedes}).
     */
    Map<UUID, FoldedContacts> heldUpTo(Map<UUID, FoldCheckpoint> checkpoints);

    /** Where the fold of each given customer stood after its latest contact, for those that have a checkpoint. */
    Map<UUID, FoldCheckpoint> checkpointsOf(Collection<UUID> customerIds);

    /** Keeps each customer's checkpoint, or drops it where there is none (a customer without contacts now). */
    void keepCheckpoints(Map<UUID, Optional<FoldCheckpoint>> checkpoints);

    /**
     * Takes a pending contact off the queue for good, because PostgreSQL refuses its follow-up even on its own, and
     * records why; {@link #contactsOf} leaves it out from then on.
     */
    void refuseFollowUp(UUID contactId, String sqlState, String problem);

    /** How many contacts' follow-up was refused. */
    long refusedFollowUps();

    /** The stored tasks, whatever their status, of the customers (and of customers merged into them), and those with the given ids. */
    List<FollowUpTask> tasksOf(Collection<UUID> customerIds, Collection<UUID> taskIds);

    /** The trigger contact of a task stored or cancelled (the tasks as published), if there is such a task. */
    Optional<UUID> triggerOf(UUID taskId);

    /** The last version of each given task that was cancelled (and is not stored since). */
    Map<UUID, Long> cancelledVersions(Collection<UUID> taskIds);

    /** Agents' decisions on the tasks these contacts triggered. */
    List<TaskDecision> decisionsOn(Collection<UUID> triggerContactIds);

    void recordDecision(UUID actionId, UUID taskId, UUID triggerContactId, TaskDecision.Kind kind, String agentId, Instant decidedAt);

    List<AgentAbsence> absences();

    /** Stored tasks that are not with the customer holding their trigger contact (none unless a store was changed by hand). */
    List<StrayTask> strayTasks();

    /**
     * Stores the versions (the latest one per task becomes the task's row, with its next escalation time; a
     * CANCELLED one takes the task out of the table and remembers its version) and appends each to the outbox.
     * Versions not newer than the stored one are skipped.
     *
     * @return the versions stored
     */
    List<FollowUpTask> save(List<FollowUpTask> versions, Function<FollowUpTask, Optional<Instant>> nextEscalationAt);

    /** Customers with an open task whose next escalation is due at {@code now}. */
    List<UUID> customersWithDueTasks(Instant now, int limit);

    /** The customer's open tasks due to escalate at {@code now}, locked; ones locked by another transaction are skipped. */
    List<FollowUpTask> dueTasks(UUID customerId, Instant now);

    Optional<FollowUpTask> find(UUID taskId);

    /** Open tasks by type and queue, every one counted; overdue by the database's clock. Ordered by type, then queue. */
    List<OpenTaskCount> openTaskCounts();

    /** Newest first (creation time, then task id). */
    List<FollowUpTask> search(TaskQuery query, int limit);

    /** The customer's tasks of these types (and those of customers merged into it), newest first: its promises. */
    List<FollowUpTask> promisesOf(UUID customerId, Set<TaskType> kinds, int limit);

    /**
     * Tasks of these types by queue and type, each counted by its {@link io.omnirouter.history.followup.model.PromiseOutcome}
     * as of {@code now}, in the database.
     *
     * @param customerId only this customer's (and those merged into it); null for all
     * @param madeFrom   only those created at or after it; null for no bound
     * @param madeUntil  only those created before it; null for no bound
     * @param queue      only this queue's; null for all
     */
    List<PromiseTally> promiseTallies(Set<TaskType> kinds, UUID customerId, Instant madeFrom, Instant madeUntil, String queue,
                                      Instant now);

    /** @param at when it was decided (the action's time): the row's {@code updated_at} */
    void putAbsence(String agentId, Instant from, Instant until, String by, Instant at);

    boolean deleteAbsence(String agentId);
}
