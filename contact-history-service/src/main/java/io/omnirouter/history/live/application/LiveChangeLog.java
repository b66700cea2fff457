package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where the live stream's changes are kept, shared by every instance (docs/live-stream.md). Readable changes are those
 * no running transaction can still come before: read in position order, they never gain one behind a position read.
 */
public interface LiveChangeLog {

    /** A change to keep; it gets its position when its transaction commits. */
    record Entry(String type, Set<UUID> customerIds, String data) {
    }

    /** Keeps the entries, in order, in the caller's transaction: they are readable once it committed, or never. */
    void append(List<Entry> entries);

    /** Readable changes after {@code after}, in position order, at most {@code limit}. */
    List<LiveChange> readAfter(LivePosition after, int limit);

    /**
     * Changes after {@code after} up to and including {@code upTo} concerning {@code customerId} (or all, when null), in
     * position order, at most {@code limit}.
     */
    List<LiveChange> readBetween(LivePosition after, LivePosition upTo, UUID customerId, int limit);

    /** The newest readable position ({@link LivePosition#START} when none). */
    LivePosition newestReadable();

    /** Whether a change is kept at {@code position} (readable or not yet). */
    boolean contains(LivePosition position);

    /** The newest position pruned: resuming from before it could miss changes. */
    LivePosition horizon();

    /** Deletes the changes recorded before {@code before} and moves the horizon past them; returns how many. */
    int prune(Instant before);

    /**
     * Waits up to {@code timeout} for word that changes were committed (from any instance).
     *
     * @return whether word came (false: the timeout passed)
     */
    boolean awaitAppended(Duration timeout) throws InterruptedException;
}
