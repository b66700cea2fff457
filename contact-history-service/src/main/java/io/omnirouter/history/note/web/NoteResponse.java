package io.omnirouter.history.note.web;

import io.omnirouter.history.note.model.CustomerNote;
import java.time.Instant;
import java.util.UUID;

/** A note as {@code GET /api/customers/{customerId}/notes} shows it (and the personal-data export). */
public record NoteResponse(UUID noteId, UUID customerId, String author, Instant writtenAt, String text) {

    public static NoteResponse of(CustomerNote note) {
        return new NoteResponse(note.noteId(), note.customerId(), note.author(), note.writtenAt(), note.text());
    }
}
