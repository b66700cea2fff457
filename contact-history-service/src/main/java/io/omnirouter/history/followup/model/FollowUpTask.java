package io.omnirouter.history.followup.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One version of a promise to a customer. Immutable: every change returns the next version, and every
 * version is published (FollowUpTask on followup.tasks), so consumers see the whole life of a task.
 *
 * @param triggerChannel the channel of the contact that created it ("chasing" is a contact on another one)
 * @param changedAt      event time of the change for changes caused by contacts and the clock, so that a
 *                       rebuild yields identical versions; the agent's clock time for agent actions
 */
public record FollowUpTask(
        UUID taskId,
        long version,
        UUID customerId,
        TaskType type,
        TaskStatus status,
        UUID triggerContactId,
        String threadKey,
        Channel triggerChannel,
        Instant createdAt,
        Instant dueAt,
        Priority priority,
        String queue,
        int escalationTier,
        String assignee,
        Instant closedAt,
        UUID closedByContactId,
        boolean closedLate,
        Instant changedAt,
        String changeReason) {

    public FollowUpTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(changeReason, "changeReason");
    }

    /** Version 1 of a task opened by {@code trigger}. */
    static FollowUpTask open(Opening opening, Contact trigger, UUID customerId, String assignee) {
        return new FollowUpTask(TaskIds.of(opening.type(), trigger.contactId()), 1, customerId, opening.type(),
                TaskStatus.OPEN, trigger.contactId(), trigger.threadKey(), trigger.channel(), trigger.occurredAt(),
                opening.dueAt(), opening.priority(), opening.queue(), 0, assignee, null, null, false,
                trigger.occurredAt(), opening.reason());
    }

    public boolean isOpen() {
        return status == TaskStatus.OPEN;
    }

    /**
     * Whether both are the same state of the promise: every column but the version and its change's time and
     * reason (which tell the path by which the task got there, not where it is).
     */
    public boolean sameStateAs(FollowUpTask other) {
        return taskId.equals(other.taskId) && customerId.equals(other.customerId) && type == other.type
                && status == other.status && Objects.equals(triggerContactId, other.triggerContactId)
                && Objects.equals(threadKey, other.threadKey) && triggerChannel == other.triggerChannel
                && Objects.equals(createdAt, other.createdAt) && dueAt.equals(other.dueAt) && priority == other.priority
                && queue.equals(other.queue) && escalationTier == other.escalationTier && Objects.equals(assignee, other.assignee)
                && Objects.equals(closedAt, other.closedAt) && Objects.equals(closedByContactId, other.closedByContactId)
                && closedLate == other.closedLate;
    }

    /** The reason of the version that closes a task because its customer was erased. */
    public static final String ERASED = "ERASED";

    /**
     * The next version of an open task whose customer was erased (docs/personal-data.md, "Erasure"): CANCELLED at
     * {@code at}, with reason {@value #ERASED}.
     */
    public FollowUpTask erased(Instant at) {
        return new FollowUpTask(taskId, version + 1, customerId, type, TaskStatus.CANCELLED, triggerContactId, threadKey,
                triggerChannel, createdAt, dueAt, priority, queue, escalationTier, assignee, at, null, false, at, ERASED);
    }

    /** The same state as another version number, e.g. a derived state stored after the versions already published. */
    FollowUpTask numbered(long newVersion, Instant at, String reason) {
        return new FollowUpTask(taskId, newVersion, customerId, type, status, triggerContactId, threadKey, triggerChannel,
                createdAt, dueAt, priority, queue, escalationTier, assignee, closedAt, closedByContactId, closedLate, at, reason);
    }

    /** The promise no longer applies (the last version of a task that a derivation does not make). */
    FollowUpTask cancelled(Instant at, String reason) {
        return next(TaskStatus.CANCELLED, priority, queue, escalationTier, assignee, closedAt, closedByContactId, closedLate,
                at, reason);
    }

    /** Fulfilled by a contact; late when the contact happened after the due time. */
    FollowUpTask closedBy(Contact contact, String reason) {
        return next(TaskStatus.CLOSED, priority, queue, escalationTier, assignee, contact.occurredAt(),
                contact.contactId(), contact.occurredAt().isAfter(dueAt), contact.occurredAt(), reason);
    }

    FollowUpTask supersededBy(Contact contact, String reason) {
        return next(TaskStatus.SUPERSEDED, priority, queue, escalationTier, assignee, contact.occurredAt(),
                contact.contactId(), false, contact.occurredAt(), reason);
    }

    FollowUpTask completedBy(String agent, Instant at) {
        return next(TaskStatus.COMPLETED, priority, queue, escalationTier, agent, at, null, at.isAfter(dueAt), at,
                "completed by " + agent);
    }

    FollowUpTask escalated(int tier, String toQueue, Instant at, String reason) {
        return next(status, EscalationLadder.raised(priority), toQueue, tier, assignee, closedAt, closedByContactId,
                closedLate, at, reason);
    }

    FollowUpTask assignedTo(String agent, Instant at) {
        return next(status, priority, queue, escalationTier, agent, closedAt, closedByContactId, closedLate, at,
                "assigned to " + agent);
    }

    /** Back in its queue, assigned to nobody. */
    FollowUpTask releasedBy(String agent, Instant at) {
        return next(status, priority, queue, escalationTier, null, closedAt, closedByContactId, closedLate, at,
                "back to queue " + queue + " by " + agent);
    }

    /** The same state, of another customer (to compare: has only the customer changed?). */
    FollowUpTask ofCustomer(UUID customer) {
        return new FollowUpTask(taskId, version, customer, type, status, triggerContactId, threadKey, triggerChannel,
                createdAt, dueAt, priority, queue, escalationTier, assignee, closedAt, closedByContactId, closedLate, changedAt,
                changeReason);
    }

    private FollowUpTask next(TaskStatus status, Priority priority, String queue, int tier, String assignee,
                              Instant closedAt, UUID closedBy, boolean late, Instant at, String reason) {
        return new FollowUpTask(taskId, version + 1, customerId, type, status, triggerContactId, threadKey,
                triggerChannel, createdAt, dueAt, priority, queue, tier, assignee, closedAt, closedBy, late, at, reason);
    }
}
