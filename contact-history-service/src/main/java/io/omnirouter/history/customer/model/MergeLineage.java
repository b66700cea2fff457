package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A merge in a customer's history.
 *
 * @param undoneAt when a supervisor undid it; null while it stands
 */
public record MergeLineage(Merge merge, Instant undoneAt) {

    public MergeLineage {
        Objects.requireNonNull(merge, "merge");
    }

    public boolean undone() {
        return undoneAt != null;
    }
}
