package io.omnirouter.history.contact.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.contact.model.CallbackLink;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.MissedCall;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link CallbackLink} in SQL, for the queries that show contacts (the timeline, a thread): the kinds come from the
 * policy, so the rule is declared once. Each fragment takes the link window as one bind parameter, in seconds
 * ({@link #windowSeconds}), where the fragment stands in the statement.
 */
public final class CallbackLinkSql {

    /** The columns {@link #LATEST_MISSED_CALL} adds to a row. */
    public static final String COLUMNS = "missed.contact_id AS missed_contact_id, missed.occurred_at AS missed_occurred_at,"
            + " missed.thread_key AS missed_thread_key";

    /**
     * {@code LEFT JOIN LATERAL} of the missed call that the row {@code c} of contact answers, if it is a callback: the
     * customer's latest missed inbound call before it, within the window. Walks contact_timeline_idx backwards from
     * the call, and only for answered outbound calls.
     */
    public static final String LATEST_MISSED_CALL = """
             LEFT JOIN LATERAL (SELECT m.contact_id, m.occurred_at, m.thread_key FROM contact m
                 WHERE %s AND m.customer_id = c.customer_id AND %s
                   AND m.occurred_at < c.occurred_at AND m.occurred_at >= c.occurred_at - make_interval(secs => ?)
                 ORDER BY m.occurred_at DESC, m.contact_id DESC LIMIT 1) missed ON true"""
            .formatted(isCallbackCandidate("c"), isMissedCall("m"));

    private CallbackLinkSql() {
    }

    /** Whether the contact row {@code alias} is an inbound call that owes a callback. */
    public static String isMissedCall(String alias) {
        return isCall(alias, Direction.INBOUND, CallbackLink.MISSED_CALL_KINDS);
    }

    /** Whether the contact row {@code alias} is an answered outbound call, which may be a callback. */
    public static String isCallbackCandidate(String alias) {
        return isCall(alias, Direction.OUTBOUND, CallbackLink.CALLBACK_KINDS);
    }

    public static double windowSeconds(CallbackLink link) {
        Duration window = link.window();
        return window.getSeconds() + window.getNano() / 1e9;
    }

    /** The missed call of a row read with {@link #COLUMNS}, or null if the contact is no callback. */
    public static MissedCall missedCall(ResultSet rs) throws SQLException {
        UUID contactId = rs.getObject("missed_contact_id", UUID.class);
        return contactId == null ? null
                : new MissedCall(contactId, instant(rs, "missed_occurred_at"), rs.getString("missed_thread_key"));
    }

    private static String isCall(String alias, Direction direction, Set<ContactKind> kinds) {
        // Enum names only: nothing a caller gives reaches this text.
        return "%1$s.channel = '%2$s' AND %1$s.direction = '%3$s' AND %1$s.kind IN (%4$s)".formatted(alias, Channel.PHONE.name(),
                direction.name(), kinds.stream().map(kind -> "'" + kind.name() + "'").sorted().collect(Collectors.joining(", ")));
    }
}
