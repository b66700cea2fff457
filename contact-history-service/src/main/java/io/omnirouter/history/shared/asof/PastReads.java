package io.omnirouter.history.shared.asof;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Reads as the API would have read at a past instant (docs/as-of.md): the API's own queries, run over the versions
 * of the rows that were visible then. Used by every view that takes {@code ?asOf=}.
 */
public interface PastReads {

    /**
     * Runs {@code read} over the history as it was at {@code instant}: everything applied before it, nothing after.
     *
     * @throws io.omnirouter.history.shared.InvalidRequestException if the instant is in the future, or before the
     *                                                             history was first kept
     */
    <T> T asOf(Instant instant, Supplier<T> read);

    /** {@code read} now when {@code instant} is null (no {@code ?asOf=}), else as of it. */
    default <T> T nowOrAsOf(Instant instant, Supplier<T> read) {
        return instant == null ? read.get() : asOf(instant, read);
    }
}
