package io.omnirouter.history.followup.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.followup.model.FollowUpTask;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /** Filters of GET /api/tasks; null = any. */
    /** @param customerId the customer's tasks and those of customers merged into it */
    record TaskQuery(UUID customerId, String status, String type, String queue, String assignee) {

        public TaskQuery forCustomer(UUID customer) {
            return new TaskQuery(customer, status, type, queue, assignee);
        }
    }

    /**
     * Claims up to {@code limit} contacts not yet applied, oldest first (event time, then contact id), locking
     * them so that another instance skips them.
     */
    List<PendingContact> claimUnapplied(int limit);

    void markApplied(Collection<UUID> contactIds);

    /** Waits for the customers' locks (taken in a fixed order, so two transactions never deadlock). */
    void lockCustomers(Collection<UUID> customerIds);

    /** The customer's lock if free right now. */
    boolean tryLockCustomer(UUID customerId);

    /** The open tasks of the customer and of customers merged into it. */
    List<FollowUpTask> openTasks(UUID customerId);

    /** The open tasks the given contacts triggered, whichever customer holds them. */
    List<FollowUpTask> openTasksTriggeredBy(Collection<UUID> contactIds);

    /** The customer's stored contacts at or after {@code from} (event time), other than {@code excluded}. */
    List<Contact> contactsFrom(UUID customerId, Instant from, UUID excluded);

    /** The agent of the customer's latest contact handled by an agent, at or before {@code at}. */
    Optional<String> lastHandler(UUID customerId, Instant at);

    /** Agents marked absent at {@code at}. */
    Set<String> absentAgents(Instant at);

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
