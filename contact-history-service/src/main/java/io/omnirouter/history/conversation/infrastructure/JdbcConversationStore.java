package io.omnirouter.history.conversation.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.strings;
import static io.omnirouter.history.shared.jdbc.JdbcValues.textMap;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.conversation.application.ConversationStore;
import io.omnirouter.history.conversation.model.ConversationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConversationStore implements ConversationStore {

    // Reads straight off contact_thread_idx (customer_id, thread_key, occurred_at).
    private static final String THREAD = """
            SELECT contact_id, channel, direction, kind, occurred_at, thread_key, subject, text, text_truncated,
                   agent_id, intent, priority, queue, source_event_id, customer_name, attachment_names, details
              FROM contact
             WHERE customer_id = ? AND thread_key = ?""";
    private static final String AFTER_CURSOR = " AND (occurred_at, contact_id) > (?, ?)";
    private static final String OLDEST_FIRST = " ORDER BY occurred_at, contact_id LIMIT ?";

    private final JdbcTemplate jdbc;

    JdbcConversationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ConversationEntry> thread(UUID customerId, String threadKey, Optional<TimelineCursor> after, int limit) {
        StringBuilder sql = new StringBuilder(THREAD);
        List<Object> args = new ArrayList<>(List.of(customerId, threadKey));
        after.ifPresent(cursor -> {
            sql.append(AFTER_CURSOR);
            args.add(timestamp(cursor.occurredAt()));
            args.add(cursor.contactId());
        });
        sql.append(OLDEST_FIRST);
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> new ConversationEntry(
                rs.getObject("contact_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                Direction.valueOf(rs.getString("direction")),
                Contact.kindNamed(rs.getString("kind")),
                instant(rs, "occurred_at"),
                rs.getString("thread_key"),
                rs.getString("subject"),
                rs.getString("text"),
                rs.getBoolean("text_truncated"),
                rs.getString("agent_id"),
                Intent.valueOf(rs.getString("intent")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("queue"),
                rs.getString("source_event_id"),
                rs.getString("customer_name"),
                strings(rs.getArray("attachment_names")),
                textMap(rs, "details")), args.toArray());
    }
}
