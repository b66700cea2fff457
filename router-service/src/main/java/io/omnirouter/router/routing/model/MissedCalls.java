package io.omnirouter.router.routing.model;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest missed call of each customer, by the keyed hash of their phone number: the latest by when it happened,
 * not by when it arrived, so a missed call that arrives late does not hide a later one. Fed from the missed-calls topic
 * (every missed call routed by any router instance) and read by the routing threads; safe to use from several threads.
 * Calls older than the link window are forgotten, so it holds at most a window's worth of missed calls.
 */
public final class MissedCalls {

    private final Map<String, MissedCall> latest = new ConcurrentHashMap<>();

    /** Notes a missed call of the customer whose phone hashes to {@code phoneKey}, if it is later than the one known. */
    public void note(String phoneKey, MissedCall call) {
        latest.merge(phoneKey, call, MissedCall::laterOf);
    }

    public Optional<MissedCall> latestOf(String phoneKey) {
        return Optional.ofNullable(latest.get(phoneKey));
    }

    /** Forgets the missed calls that happened before {@code cutoff}. */
    public void forgetBefore(Instant cutoff) {
        latest.values().removeIf(call -> call.occurredAt().isBefore(cutoff));
    }

    public int size() {
        return latest.size();
    }
}
