package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Application event: two customers were merged (published after the transaction committed).
 *
 * @param mergeId        deterministic id of the recorded merge
 * @param survivorId     the customer that remains
 * @param mergedId       the customer merged into the survivor (now only a redirect)
 * @param causeContactId the contact whose identifiers linked the two
 * @param mergedAt       event time of the causing contact
 */
public record CustomersMerged(
        UUID mergeId,
        UUID survivorId,
        UUID mergedId,
        UUID causeContactId,
        Instant mergedAt) {
}
