package io.omnirouter.history.consent.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer's consent for one purpose as it stands: its latest change, from the contact {@code contactId} that
 * happened at {@code changedAt} (event time).
 */
public record Consent(ConsentPurpose purpose, boolean granted, Instant changedAt, UUID contactId) {

    public Consent {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(contactId, "contactId");
    }
}
