package io.omnirouter.history.shared.action.model;

import java.util.Objects;
import java.util.UUID;

/**
 * What became of an accepted action: still on its way, applied, or refused when it was applied (the task was done by
 * then, say). A refusal keeps the problem the API answers with.
 *
 * @param refusal null unless {@code status} is REFUSED
 */
public record ActionOutcome(UUID actionId, Status status, Refusal refusal) {

    public enum Status {
        /** Accepted and published; not applied yet. */
        PENDING,
        /** Applied: the history shows it. */
        APPLIED,
        /** Applied as a refusal: it changed nothing. */
        REFUSED
    }

    /** The problem an action was refused with: an HTTP status, a title and a detail naming ids, never free text. */
    public record Refusal(int httpStatus, String title, String detail) {

        public Refusal {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public ActionOutcome {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(status, "status");
        if ((status == Status.REFUSED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal goes with REFUSED and only with it");
        }
    }
}
