package io.omnirouter.history.contact.model;

import java.time.Instant;
import java.util.UUID;

/** The missed inbound call a callback answers ({@link CallbackLink}): the contact, when it rang, and its conversation. */
public record MissedCall(UUID contactId, Instant occurredAt, String threadKey) {
}
