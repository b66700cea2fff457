package io.omnirouter.history.live.model;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Something that happened, for the clients of the live stream: a server-sent event named {@code type} with
 * {@code data} as JSON. Its id on the stream is the position it is given when it is kept ({@link LiveChange}).
 *
 * @param customerIds the customers it concerns: a client that follows one customer gets the events of that customer
 * @param data        what the API would show anyway, never more (no identifiers, no texts)
 */
public record LiveEvent(String type, Set<UUID> customerIds, Object data) {

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        customerIds = Set.copyOf(customerIds);
    }
}
