package io.omnirouter.history.followup.model;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A promise made to a customer, one of the tasks of {@link #KINDS}, and whether it was kept as of an instant. The
 * promise tracker (contact-history-service/docs/follow-up-policy.md, "The promise tracker") lists them.
 */
public record Promise(FollowUpTask task, PromiseOutcome outcome) {

    /**
     * The tasks that are promises someone made to the customer, rather than the service's own duties: a reply by a
     * promised time, a callback (asked for, or owed after a missed call), the written summary of a call.
     */
    public static final Set<TaskType> KINDS = EnumSet.of(TaskType.PROMISED_REPLY, TaskType.CALLBACK, TaskType.CALL_SUMMARY);

    public Promise {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(outcome, "outcome");
        if (!KINDS.contains(task.type())) {
            throw new IllegalArgumentException("a " + task.type() + " task is not a promise");
        }
    }

    public static Promise of(FollowUpTask task, Instant now) {
        return new Promise(task, PromiseOutcome.of(task, now));
    }
}
