package io.omnirouter.history.presence.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent who has a customer open in the console: their last heartbeat was within the TTL.
 *
 * @param agentId who, as they signed in (never anything of the customer's)
 * @param seenAt  their last heartbeat, on the database's clock
 */
public record Viewer(String agentId, Instant seenAt) {

    public Viewer {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(seenAt, "seenAt");
    }
}
