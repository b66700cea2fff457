package io.omnirouter.history.followup.model;

import io.omnirouter.history.customer.model.Uuids;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's decision on a task, from an action on agent.actions: kept, and applied at its place in order whenever
 * the customer's tasks are derived, so that a re-derivation keeps it. A decision on a task that is no longer
 * open at {@code decidedAt} in event time (a contact that arrived late had closed it before) changes nothing.
 *
 * @param triggerContactId the task's trigger: decisions follow it to whichever customer holds it
 * @param actionId         the action that took it: the order of decisions taken at the same instant
 */
public record TaskDecision(UUID taskId, UUID triggerContactId, Kind kind, String agentId, Instant decidedAt, UUID actionId) {

    public enum Kind {
        /** The agent takes (or gives) the task: it is assigned to {@code agentId}. */
        ASSIGN,
        /** The agent marks it done: COMPLETED by {@code agentId}. */
        COMPLETE,
        /** The agent ({@code agentId}) gives it back to its queue: assigned to nobody. */
        RELEASE
    }

    /**
     * The order decisions are applied in: their time, then their action ids; both come from the action on the log,
     * so the order does not depend on when an instance applied it.
     */
    public static final Comparator<TaskDecision> ORDER =
            Comparator.comparing(TaskDecision::decidedAt).thenComparing(TaskDecision::actionId, Uuids.ORDER);

    public TaskDecision {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(actionId, "actionId");
    }
}
