package io.omnirouter.router.routing.model;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The event ids routed most recently from one source partition, to emit a re-sent event (same
 * {@code eventId}) only once. Bounded: it remembers the last {@code capacity} ids of the partition, so a
 * duplicate arriving later than that is passed on, and the history service's idempotent store (keyed by
 * the deterministic contact id) still stores it once. Filled in the order the ids were routed, whether from
 * the router's own commits or from the partition's history when the partition is assigned. Not thread-safe:
 * one per partition, used by the consumer thread that owns the partition.
 */
public final class DuplicateWindow {

    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    public DuplicateWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public boolean contains(String eventId) {
        return ids.contains(eventId);
    }

    /** Remember ids whose routing was committed. */
    public void rememberAll(Collection<String> eventIds) {
        for (String id : eventIds) {
            ids.remove(id);
            ids.add(id);
            if (ids.size() > capacity) {
                Iterator<String> oldest = ids.iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    public int size() {
        return ids.size();
    }
}
