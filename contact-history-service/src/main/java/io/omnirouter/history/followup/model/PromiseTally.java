package io.omnirouter.history.followup.model;

import java.util.Objects;

/** How the promises of one type made in one queue turned out, counted in the database. */
public record PromiseTally(String queue, TaskType type, PromiseCounts counts) {

    public PromiseTally {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(counts, "counts");
    }
}
