package io.omnirouter.history.conversation.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.strings;
import static io.omnirouter.history.shared.jdbc.JdbcValues.textMap;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.contact.application.CallbackLinkProperties;
import io.omnirouter.history.contact.infrastructure.CallbackLinkSql;
import io.omnirouter.history.contact.model.CallbackLink;
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

    // The thread's own contacts straight off contact_thread_idx (customer_id, thread_key, occurred_at), and the calls
    // within the link window after one of its missed calls off contact_timeline_idx; of those, the callbacks whose
    // latest missed call is in this thread stay (CallbackLinkSql, contact-history-service/docs/callbacks.md).
    private static final String THREAD = """
            WITH members AS (
                SELECT contact_id FROM contact WHERE customer_id = ? AND thread_key = ?
                UNION
                SELECT cb.contact_id FROM contact m
                  JOIN contact cb ON cb.customer_id = m.customer_id AND cb.occurred_at > m.occurred_at
                                 AND cb.occurred_at <= m.occurred_at + make_interval(secs => ?) AND %s
                 WHERE m.customer_id = ? AND m.thread_key = ? AND %s)
            SELECT c.contact_id, c.channel, c.direction, c.kind, c.occurred_at, c.thread_key, c.subject, c.text,
                   c.text_truncated, c.agent_id, c.intent, c.priority, c.queue, c.source_event_id, c.customer_name,
                   c.attachment_names, c.details, %s
              FROM contact c JOIN members ON members.contact_id = c.contact_id
            %s
             WHERE (c.thread_key = ? OR missed.thread_key = ?)""".formatted(CallbackLinkSql.isCallbackCandidate("cb"),
            CallbackLinkSql.isMissedCall("m"), CallbackLinkSql.COLUMNS, CallbackLinkSql.LATEST_MISSED_CALL);
    private static final String AFTER_CURSOR = " AND (c.occurred_at, c.contact_id) > (?, ?)";
    private static final String OLDEST_FIRST = " ORDER BY c.occurred_at, c.contact_id LIMIT ?";

    private final JdbcTemplate jdbc;

    private final CallbackLink callbacks;

    JdbcConversationStore(JdbcTemplate jdbc, CallbackLinkProperties callbacks) {
        this.jdbc = jdbc;
        this.callbacks = callbacks.link();
    }

    @Override
    public List<ConversationEntry> thread(UUID customerId, String threadKey, Optional<TimelineCursor> after, int limit) {
        StringBuilder sql = new StringBuilder(THREAD);
        double window = CallbackLinkSql.windowSeconds(callbacks);
        List<Object> args = new ArrayList<>(List.of(customerId, threadKey, window, customerId, threadKey, window, threadKey,
                threadKey));
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
                textMap(rs, "details"),
                CallbackLinkSql.missedCall(rs)), args.toArray());
    }
}
