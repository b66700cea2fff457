package io.omnirouter.history.customer.model;

import java.util.Objects;
import java.util.UUID;

/**
 * An undone merge: a supervisor's decision that the two customers are different people. It forbids the
 * link from then on, whichever contact would make it, and survives rebuilds (it is not derived from the log).
 */
public record MergeSuppression(UUID mergeId, UUID survivorId, UUID mergedId) {

    public MergeSuppression {
        Objects.requireNonNull(mergeId, "mergeId");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(mergedId, "mergedId");
    }
}
