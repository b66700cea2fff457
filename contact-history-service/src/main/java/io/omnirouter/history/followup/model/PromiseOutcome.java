package io.omnirouter.history.followup.model;

import java.time.Instant;

/**
 * Whether a promise to a customer was kept, on event time: a promise is kept by the contact (or the agent's
 * completion) that fulfils it, at that contact's time, not when the service learnt of it. The same rule counts the
 * promises in the database ({@code JdbcFollowUpStore.PROMISE_OUTCOME}); {@code PromiseTrackerIT} holds the two
 * together.
 */
public enum PromiseOutcome {
    /** Open and not yet due. */
    PENDING,
    /** Fulfilled by its due time. */
    KEPT,
    /** Fulfilled after its due time. */
    KEPT_LATE,
    /** Open past its due time: nothing has fulfilled it yet. */
    BROKEN,
    /** Neither kept nor broken: replaced by another promise, or no longer made (cancelled). */
    WITHDRAWN;

    /** The outcome of {@code promise} as of {@code now}. */
    public static PromiseOutcome of(FollowUpTask promise, Instant now) {
        return switch (promise.status()) {
            case OPEN -> now.isAfter(promise.dueAt()) ? BROKEN : PENDING;
            case CLOSED, COMPLETED -> promise.closedLate() ? KEPT_LATE : KEPT;
            case SUPERSEDED, CANCELLED -> WITHDRAWN;
        };
    }

    /** Whether the promise was fulfilled, on time or late. */
    public boolean isKept() {
        return this == KEPT || this == KEPT_LATE;
    }
}
