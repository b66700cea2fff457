package io.omnirouter.history.note.application;

import io.omnirouter.history.note.model.CustomerNote;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Where notes are kept. */
public interface NoteStore {

    /** Keeps the note; a note with its id kept before is left as it is. Joins the caller's transaction. */
    void add(CustomerNote note);

    /** The notes kept under any of these customer ids, newest first (then by id), at most {@code limit}. */
    List<CustomerNote> notesOf(Collection<UUID> customerIds, int limit);
}
