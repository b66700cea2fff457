package io.omnirouter.history.note.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's internal note on a customer: what the next agent reads first, before the history (a new handler reads
 * the whole history before answering; the note says where to start). Never shown to the customer.
 *
 * @param customerId the customer as the author saw it; the note follows it through merges and re-derivations
 */
public record CustomerNote(UUID noteId, UUID customerId, String author, Instant writtenAt, String text) {

    public CustomerNote {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(writtenAt, "writtenAt");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        // The text is free text about a person: kept out of logs.
        return "CustomerNote[" + noteId + " on " + customerId + " at " + writtenAt + "]";
    }
}
