package io.omnirouter.history.customer.model;

import java.util.Objects;
import java.util.UUID;

/** A stored contact's identity and the customer that holds it now. */
public record AttributedContact(ContactIdentity identity, UUID customerId) {

    public AttributedContact {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(customerId, "customerId");
    }
}
