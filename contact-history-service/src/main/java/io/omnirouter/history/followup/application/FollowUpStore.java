package io.omnirouter.history.followup.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.customer.model.Uuids;
import io.omnirouter.history.followup.model.FollowUpTask;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The follow-up's persistence (PostgreSQL). Every method runs in the caller's transaction. Whoever writes the
 * tasks of a customer holds that customer's lock ({@link #lockCustomers}) until its transaction ends, so the
 * contact poller, the clock and agents' actions never compute two next versions of one task.
 */
public interface FollowUpStore {

    /** A contact not yet applied to the tasks, with the customer that now holds it (merges followed). */
    record PendingContact(Contact contact, UUID customerId) {
    }

    /**
     * Filters of GET /api/tasks; null = any.
     *
     * @param customerId the customer's tasks and those of customers merged into it
     */
    record TaskQuery(UUID customerId, String status, String type, String queue, String assignee) {

        public TaskQuery forCustomer(UUID customer) {
            return new TaskQuery(customer, status, type, queue, assignee);
        }
    }

    /**
     * Claims up to {@code limit} contacts not yet applied, oldest first (event time, then contact id), taking them
     * off the queue: they are back if the caller's transaction fails, and another instance skips them meanwhile.
     */
    List<PendingContact> claimUnapplied(int limit);

    /** Waits for the customers' locks (taken in a fixed order, so two transactions never deadlock). */
    void lockCustomers(Collection<UUID> customerIds);

    /** The customer's lock if free right now. */
    boolean tryLockCustomer(UUID customerId);

    /** The open tasks of the customer and of customers merged into it. */
    List<FollowUpTask> openTasks(UUID customerId);

    /** The open tasks the given contacts triggered, whichever customer holds them. */
    List<FollowUpTask> openTasksTriggeredBy(Collection<UUID> contactIds);

    /** Trigger contacts of open tasks that are not with the customer holding the contact now, with that customer. */
    Map<UUID, UUID> strayTriggers();

    /** The open tasks of each customer and of customers merged into it, by customer. */
    Map<UUID, List<FollowUpTask>> openTasksOf(Collection<UUID> customerIds);

    /** Each customer's stored contacts (and those of customers merged into it) at or after its instant (event time). */
    Map<UUID, List<Contact>> contactsFrom(Map<UUID, Instant> fromByCustomer);

    /** Each customer's latest contact handled by an agent at or before its instant, for customers that have one. */
    Map<UUID, HandledContact> lastHandledAtOrBefore(Map<UUID, Instant> atByCustomer);

    /** Absences overlapping {@code [from, until]}. */
    List<Absence> absencesBetween(Instant from, Instant until);

    /** A contact an agent handled. */
    record HandledContact(String agentId, Instant occurredAt, UUID contactId) {

        /** Event-time order, ties broken by id as PostgreSQL orders uuids. */
        public static final Comparator<HandledContact> EVENT_TIME_ORDER =
                Comparator.comparing(HandledContact::occurredAt).thenComparing(HandledContact::contactId, Uuids.ORDER);
    }

    /** An agent away from {@code from} (inclusive) until {@code until} (exclusive). */
    record Absence(String agentId, Instant from, Instant until) {

        public boolean covers(Instant at) {
            return !from.isAfter(at) && at.isBefore(until);
        }
    }

    /**
     * Stores the versions (the latest one per task becomes the task's row, with its next escalation time) and
     * appends each to the outbox. Versions not newer than the stored one are skipped (a replayed contact).
     *
     * @return the versions stored
     */
    List<FollowUpTask> save(List<FollowUpTask> versions, java.util.function.Function<FollowUpTask, Optional<Instant>> nextEscalationAt);

    /** Customers with an open task whose next escalation is due at {@code now}. */
    List<UUID> customersWithDueTasks(Instant now, int limit);

    /** The customer's open tasks due to escalate at {@code now}, locked; ones locked by another transaction are skipped. */
    List<FollowUpTask> dueTasks(UUID customerId, Instant now);

    Optional<FollowUpTask> find(UUID taskId);

    /** Newest first (creation time, then task id). */
    List<FollowUpTask> search(TaskQuery query, int limit);

    void putAbsence(String agentId, Instant from, Instant until, String by);

    boolean deleteAbsence(String agentId);
}
