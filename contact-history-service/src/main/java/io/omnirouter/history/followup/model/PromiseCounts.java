package io.omnirouter.history.followup.model;

import java.util.Collection;
import java.util.Map;

/** How many promises turned out each way; {@code made} is the sum of the others. */
public record PromiseCounts(long made, long kept, long keptLate, long broken, long pending, long withdrawn) {

    public static final PromiseCounts NONE = new PromiseCounts(0, 0, 0, 0, 0, 0);

    public PromiseCounts {
        if (made != kept + keptLate + broken + pending + withdrawn) {
            throw new IllegalArgumentException("made must be the sum of the outcomes");
        }
    }

    /** The counts of outcomes, each missing one 0. */
    public static PromiseCounts of(Map<PromiseOutcome, Long> byOutcome) {
        long kept = byOutcome.getOrDefault(PromiseOutcome.KEPT, 0L);
        long keptLate = byOutcome.getOrDefault(PromiseOutcome.KEPT_LATE, 0L);
        long broken = byOutcome.getOrDefault(PromiseOutcome.BROKEN, 0L);
        long pending = byOutcome.getOrDefault(PromiseOutcome.PENDING, 0L);
        long withdrawn = byOutcome.getOrDefault(PromiseOutcome.WITHDRAWN, 0L);
        return new PromiseCounts(kept + keptLate + broken + pending + withdrawn, kept, keptLate, broken, pending, withdrawn);
    }

    public static PromiseCounts sum(Collection<PromiseCounts> counts) {
        return counts.stream().reduce(NONE, PromiseCounts::plus);
    }

    public PromiseCounts plus(PromiseCounts other) {
        return new PromiseCounts(made + other.made, kept + other.kept, keptLate + other.keptLate, broken + other.broken,
                pending + other.pending, withdrawn + other.withdrawn);
    }
}
