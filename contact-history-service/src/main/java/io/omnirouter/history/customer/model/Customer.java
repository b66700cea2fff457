package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A customer as agents see it: every identifier it owns and the span of its contacts. */
public record Customer(UUID customerId, List<OwnedIdentifier> identifiers, Instant firstContactAt, Instant lastContactAt) {

    public Customer {
        Objects.requireNonNull(customerId, "customerId");
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(firstContactAt, "firstContactAt");
        Objects.requireNonNull(lastContactAt, "lastContactAt");
    }

    /** One identifier of a customer; a shared one is not used to link new contacts. */
    public record OwnedIdentifier(Identifier identifier, boolean shared) {
    }
}
