package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An identifier as identity resolution knows it.
 *
 * @param ownerId     the customer it belongs to (always a customer that was not merged away)
 * @param shared      a shared identifier (a switchboard number, a family address) stays with its owner but
 *                    no longer links contacts to customers
 * @param firstSeenAt event time of the contact that first carried it
 * @param touchedBy   the latest contact (in event-time order) whose resolution read or changed it; frozen
 *                    once the identifier is shared, since from then on contacts ignore it. A contact that
 *                    comes before it in event-time order arrived late and its component is re-derived.
 * @param seenWith    the distinct customers it was presented with (its owners and the customers the other
 *                    identifiers of its contacts pointed to), in {@link Uuids#ORDER}
 */
public record IdentifierState(Identifier identifier, UUID ownerId, boolean shared, Instant firstSeenAt, ContactKey touchedBy,
                              List<UUID> seenWith) {

    public IdentifierState {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(touchedBy, "touchedBy");
        seenWith = seenWith.stream().sorted(Uuids.ORDER).toList();
    }
}
