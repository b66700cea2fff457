package io.omnirouter.history.contact.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.batch;
import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.jsonObject;
import static io.omnirouter.history.shared.jdbc.JdbcValues.placeholders;
import static io.omnirouter.history.shared.jdbc.JdbcValues.textMap;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.consent.model.ConsentChange;
import io.omnirouter.history.contact.application.CallbackLinkProperties;
import io.omnirouter.history.contact.application.ContactStore;
import io.omnirouter.history.contact.model.CallbackLink;
import io.omnirouter.history.contact.model.ChannelDetails;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.contact.model.TimelineFilter;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.shared.jdbc.IdentifierColumns;
import io.omnirouter.identifiers.IdentifierType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcContactStore implements ContactStore {

    private static final String EXISTING = "SELECT contact_id FROM contact WHERE contact_id = ANY (?)";
    private static final String INSERT_COLUMNS = "contact_id, customer_id, origin_customer_id, source_event_id, source, tenant,"
            + " channel, direction, kind, occurred_at, routed_at, " + IdentifierColumns.list("") + ", customer_name, language,"
            + " thread_key, channel_ref, subject, text, text_truncated, agent_id, intent, priority, queue, segment, call_outcome,"
            + " duration_seconds, callback_requested_at, in_reply_to, attachment_names, promised_reply_by, chat_author, resolved,"
            + " rating, order_id, amount_minor, currency, warnings, consents, details";
    // ON CONFLICT DO NOTHING is the last line of defence; RecordingContacts filters stored contacts before. The last
    // placeholder is details, a jsonb column bound as text.
    private static final String INSERT = "INSERT INTO contact (" + INSERT_COLUMNS + ") VALUES ("
            + placeholders(INSERT_COLUMNS.split(",").length - 1) + ", ?::jsonb) ON CONFLICT (contact_id) DO NOTHING";
    // Reads a page straight off contact_timeline_idx (customer_id, occurred_at DESC, contact_id DESC); a callback's
    // missed call is one more short walk back along the same index (CallbackLinkSql).
    private static final String TIMELINE = """
            SELECT c.contact_id, c.channel, c.direction, c.kind, c.occurred_at, c.thread_key, c.subject,
                   CASE WHEN length(c.text) > ? THEN left(c.text, ?) || '…' ELSE c.text END AS text_excerpt,
                   c.agent_id, c.intent, c.priority, c.queue, c.source_event_id, c.details, %s
              FROM contact c
            %s
             WHERE c.customer_id = ?""".formatted(CallbackLinkSql.COLUMNS, CallbackLinkSql.LATEST_MISSED_CALL);
    // The filters narrow the walk along contact_timeline_idx; a customer's contacts are few enough to filter there.
    private static final String CHANNEL_FILTER = " AND c.channel = ?";
    private static final String DIRECTION_FILTER = " AND c.direction = ?";
    private static final String INTENT_FILTER = " AND c.intent = ?";
    private static final String AFTER_CURSOR = " AND (c.occurred_at, c.contact_id) < (?, ?)";
    private static final String NEWEST_FIRST = " ORDER BY c.occurred_at DESC, c.contact_id DESC LIMIT ?";

    private final JdbcTemplate jdbc;

    private final CallbackLink callbacks;

    JdbcContactStore(JdbcTemplate jdbc, CallbackLinkProperties callbacks) {
        this.jdbc = jdbc;
        this.callbacks = callbacks.link();
    }

    @Override
    public Set<UUID> existing(Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Set.of();
        }
        UUID[] ids = contactIds.toArray(UUID[]::new);
        return new HashSet<>(jdbc.query(EXISTING, ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids)),
                (rs, row) -> rs.getObject(1, UUID.class)));
    }

    @Override
    public void insert(List<Contact> contacts, Map<UUID, UUID> customerByContact) {
        batch(jdbc, INSERT, contacts, (ps, contact) -> bind(ps, contact, customerByContact.get(contact.contactId())));
    }

    @Override
    public List<TimelineEntry> timeline(UUID customerId, TimelineFilter filter, Optional<TimelineCursor> after, int limit,
                                        int excerptLength) {
        StringBuilder sql = new StringBuilder(TIMELINE);
        List<Object> args = new ArrayList<>(List.of(excerptLength, excerptLength, CallbackLinkSql.windowSeconds(callbacks),
                customerId));
        filter.channel().ifPresent(c -> {
            sql.append(CHANNEL_FILTER);
            args.add(c.name());
        });
        filter.direction().ifPresent(d -> {
            sql.append(DIRECTION_FILTER);
            args.add(d.name());
        });
        filter.intent().ifPresent(i -> {
            sql.append(INTENT_FILTER);
            args.add(i.name());
        });
        after.ifPresent(cursor -> {
            sql.append(AFTER_CURSOR);
            args.add(timestamp(cursor.occurredAt()));
            args.add(cursor.contactId());
        });
        sql.append(NEWEST_FIRST);
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> new TimelineEntry(
                rs.getObject("contact_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                Direction.valueOf(rs.getString("direction")),
                Contact.kindNamed(rs.getString("kind")),
                instant(rs, "occurred_at"),
                rs.getString("thread_key"),
                rs.getString("subject"),
                rs.getString("text_excerpt"),
                rs.getString("agent_id"),
                Intent.valueOf(rs.getString("intent")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("queue"),
                rs.getString("source_event_id"),
                textMap(rs, "details"),
                CallbackLinkSql.missedCall(rs)), args.toArray());
    }

    private static void bind(PreparedStatement ps, Contact contact, UUID customerId) throws SQLException {
        if (customerId == null) {
            throw new IllegalStateException("contact " + contact.contactId() + " was not attributed to a customer");
        }
        Connection connection = ps.getConnection();
        ChannelDetails details = contact.details();
        int i = 0;
        ps.setObject(++i, contact.contactId());
        ps.setObject(++i, customerId);
        ps.setObject(++i, IdentityResolution.newCustomerIdFor(contact.contactId()));
        ps.setString(++i, contact.sourceEventId());
        ps.setString(++i, contact.source());
        ps.setString(++i, contact.tenant());
        ps.setString(++i, contact.channel().name());
        ps.setString(++i, contact.direction().name());
        ps.setString(++i, contact.kind().name());
        ps.setObject(++i, timestamp(contact.occurredAt()));
        ps.setObject(++i, timestamp(contact.routedAt()));
        for (IdentifierType type : IdentifierColumns.TYPES) {
            ps.setString(++i, identifier(contact, type));
        }
        ps.setString(++i, contact.customerName());
        ps.setString(++i, contact.language());
        ps.setString(++i, contact.threadKey());
        ps.setString(++i, contact.channelRef());
        ps.setString(++i, contact.subject());
        ps.setString(++i, contact.text());
        ps.setBoolean(++i, contact.textTruncated());
        ps.setString(++i, contact.agentId());
        ps.setString(++i, contact.intent().name());
        ps.setString(++i, contact.priority().name());
        ps.setString(++i, contact.queue());
        ps.setString(++i, details.segment());
        ps.setString(++i, details.callOutcome());
        ps.setObject(++i, details.durationSeconds(), Types.INTEGER);
        ps.setObject(++i, timestamp(details.callbackRequestedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(++i, details.inReplyTo());
        ps.setArray(++i, connection.createArrayOf("text", details.attachmentNames().toArray()));
        ps.setObject(++i, timestamp(details.promisedReplyBy()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(++i, details.chatAuthor());
        ps.setObject(++i, details.resolved(), Types.BOOLEAN);
        ps.setObject(++i, details.rating(), Types.INTEGER);
        ps.setString(++i, details.orderId());
        ps.setObject(++i, details.amountMinor(), Types.BIGINT);
        ps.setString(++i, details.currency());
        ps.setArray(++i, connection.createArrayOf("text", contact.warnings().toArray()));
        ps.setArray(++i, connection.createArrayOf("text", contact.consents().stream().map(ConsentChange::stored).toArray()));
        ps.setString(++i, jsonObject(details.facts()));
    }

    private static String identifier(Contact contact, IdentifierType type) {
        return contact.identifiers().stream().filter(id -> id.type() == type).map(Identifier::value).findFirst().orElse(null);
    }

    @Override
    public Map<UUID, String> channelsOfContactsHeldBy(Collection<UUID> customerIds) {
        Map<UUID, String> channels = new HashMap<>();
        jdbc.query("SELECT contact_id, channel FROM contact WHERE customer_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray(UUID[]::new))),
                rs -> {
                    channels.put(rs.getObject("contact_id", UUID.class), rs.getString("channel"));
                });
        return channels;
    }
}
