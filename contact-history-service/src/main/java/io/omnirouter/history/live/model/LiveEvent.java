package io.omnirouter.history.live.model;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Something that happened, for the clients of the live stream: a server-sent event named {@code type} with the
 * id {@code id} and {@code data} as JSON.
 *
 * @param customerIds the customers it concerns: a client that follows one customer gets the events of that customer
 * @param data        what the API would show anyway, never more (no identifiers, no texts)
 */
public record LiveEvent(String type, String id, Set<UUID> customerIds, Object data) {

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        customerIds = Set.copyOf(customerIds);
    }

    /** Whether a client following {@code customerId} (all customers when null) gets this event. */
    public boolean concerns(UUID customerId) {
        return customerId == null || customerIds.contains(customerId);
    }
}
