package io.omnirouter.history.live.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a change is in the live stream: its transaction's id, then its number within the stream (docs/live-stream.md).
 * The same on every instance, so it is the event id a client sends back as {@code Last-Event-ID} to resume anywhere.
 * On the wire: {@code <transaction>-<sequence>}, both decimal.
 */
public record LivePosition(long transaction, long sequence) implements Comparable<LivePosition> {

    /** Before every change. */
    public static final LivePosition START = new LivePosition(0, 0);

    private static final Pattern WIRE = Pattern.compile("(\\d{1,18})-(\\d{1,18})");
    private static final Comparator<LivePosition> ORDER =
            Comparator.comparingLong(LivePosition::transaction).thenComparingLong(LivePosition::sequence);

    public LivePosition {
        if (transaction < 0 || sequence < 0) {
            throw new IllegalArgumentException("a position is not negative: " + transaction + "-" + sequence);
        }
    }

    /** @return the position {@code wire} names, or empty if it names none (another stream's id, or garbage) */
    public static Optional<LivePosition> parse(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        Matcher matcher = WIRE.matcher(wire.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LivePosition(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    }

    public boolean isAfter(LivePosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(LivePosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return transaction + "-" + sequence;
    }
}
