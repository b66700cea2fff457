package io.omnirouter.history.live.model;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A change as the live stream keeps it and sends it: an event at its position, its data already in the stream's JSON.
 *
 * @param customerIds the customers it concerns (none: only streams of all customers get it)
 */
public record LiveChange(LivePosition position, String type, Set<UUID> customerIds, String data) {

    public LiveChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        customerIds = Set.copyOf(customerIds);
    }

    /** Whether a client following {@code customerId} (all customers when null) gets it. */
    public boolean concerns(UUID customerId) {
        return customerId == null || customerIds.contains(customerId);
    }
}
