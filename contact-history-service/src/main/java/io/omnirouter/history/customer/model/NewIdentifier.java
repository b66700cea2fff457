package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.UUID;

/** An identifier seen for the first time, now owned by {@code customerId}. */
public record NewIdentifier(Identifier identifier, UUID customerId, Instant firstSeenAt) {
}
