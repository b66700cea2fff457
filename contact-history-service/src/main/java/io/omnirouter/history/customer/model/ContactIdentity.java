package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What identity resolution needs to know about one contact. */
public record ContactIdentity(UUID contactId, Instant occurredAt, List<Identifier> identifiers) {

    public ContactIdentity {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        identifiers = List.copyOf(identifiers);
    }
}
