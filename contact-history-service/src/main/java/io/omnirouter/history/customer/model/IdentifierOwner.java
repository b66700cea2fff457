package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The customer an identifier belongs to, as stored.
 *
 * @param customerFirstContactAt the owner's first contact, which decides between several candidates
 * @param shared                 a shared identifier is never used to link a contact to its owner
 */
public record IdentifierOwner(Identifier identifier, UUID customerId, Instant customerFirstContactAt, boolean shared) {

    public IdentifierOwner {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerFirstContactAt, "customerFirstContactAt");
    }
}
