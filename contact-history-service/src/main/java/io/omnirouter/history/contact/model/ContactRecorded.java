package io.omnirouter.history.contact.model;

import io.omnirouter.contact.ContactKind;
import java.time.Instant;
import java.util.UUID;

/**
 * Application event: one contact was newly stored (published after the storing transaction
 * committed, so listeners only ever see committed facts). Redeliveries of an already stored
 * contact publish nothing.
 */
public record ContactRecorded(
        UUID contactId,
        UUID customerId,
        String channel,
        String direction,
        ContactKind kind,
        Instant occurredAt,
        String threadKey) {
}
