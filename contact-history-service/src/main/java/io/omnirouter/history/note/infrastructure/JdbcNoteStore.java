package io.omnirouter.history.note.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.note.application.NoteStore;
import io.omnirouter.history.note.model.CustomerNote;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcNoteStore implements NoteStore {

    private static final String ADD = """
            INSERT INTO customer_note (note_id, customer_id, author, written_at, text) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (note_id) DO NOTHING""";
    private static final String NOTES_OF = """
            SELECT note_id, customer_id, author, written_at, text FROM customer_note WHERE customer_id = ANY (?)
             ORDER BY written_at DESC, note_id DESC LIMIT ?""";

    private final JdbcTemplate jdbc;

    JdbcNoteStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(CustomerNote note) {
        jdbc.update(ADD, note.noteId(), note.customerId(), note.author(), timestamp(note.writtenAt()), note.text());
    }

    @Override
    public List<CustomerNote> notesOf(Collection<UUID> customerIds, int limit) {
        return jdbc.query(NOTES_OF, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray()));
            ps.setInt(2, limit);
        }, (rs, row) -> new CustomerNote(rs.getObject("note_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("author"), instant(rs, "written_at"), rs.getString("text")));
    }
}
