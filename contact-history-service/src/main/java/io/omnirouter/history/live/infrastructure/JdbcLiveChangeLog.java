package io.omnirouter.history.live.infrastructure;

import io.omnirouter.history.live.application.LiveChangeLog;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import io.omnirouter.history.shared.jdbc.JdbcValues;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The change log in {@code live_change} (V32): positions are (transaction id, sequence), readable below the oldest
 * running transaction ({@code pg_snapshot_xmin}). Word of new changes comes by {@code LISTEN/NOTIFY} on channel
 * {@value #CHANNEL}, sent by the appending transaction as it commits, to every instance's listening connection.
 */
@Repository
class JdbcLiveChangeLog implements LiveChangeLog, DisposableBean {

    static final String CHANNEL = "live_change";

    private static final String APPEND = """
            WITH kept AS (
                INSERT INTO live_change (type, customer_ids, data)
                SELECT t, c::uuid[], d FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(t, c, d, n) ORDER BY n
                RETURNING 1)
            SELECT pg_notify('""" + CHANNEL + "', '') FROM (SELECT count(*) FROM kept) k";
    private static final String COLUMNS = "tx::text AS tx, seq, type, customer_ids, data";
    private static final String READABLE = " tx < pg_snapshot_xmin(pg_current_snapshot())";
    private static final String READ_AFTER = "SELECT " + COLUMNS + " FROM live_change WHERE (tx, seq) > (?::xid8, ?) AND"
            + READABLE + " ORDER BY tx, seq LIMIT ?";
    private static final String READ_BETWEEN = "SELECT " + COLUMNS + " FROM live_change WHERE (tx, seq) > (?::xid8, ?)"
            + " AND (tx, seq) <= (?::xid8, ?) AND (?::uuid IS NULL OR ?::uuid = ANY (customer_ids)) ORDER BY tx, seq LIMIT ?";
    private static final String NEWEST = "SELECT tx::text AS tx, seq FROM live_change WHERE" + READABLE + " ORDER BY tx DESC, seq DESC LIMIT 1";
    private static final String PRUNE = """
            WITH gone AS (DELETE FROM live_change WHERE recorded_at < ? RETURNING tx, seq),
                 newest AS (SELECT tx, seq FROM gone ORDER BY tx DESC, seq DESC LIMIT 1),
                 moved AS (INSERT INTO live_change_horizon (tx, seq) SELECT tx, seq FROM newest
                           ON CONFLICT (only_row) DO UPDATE SET tx = EXCLUDED.tx, seq = EXCLUDED.seq
                           WHERE (EXCLUDED.tx, EXCLUDED.seq) > (live_change_horizon.tx, live_change_horizon.seq))
            SELECT count(*) FROM gone""";

    private static final RowMapper<LiveChange> CHANGE = (rs, n) -> new LiveChange(position(rs), rs.getString("type"),
            Arrays.stream((Object[]) rs.getArray("customer_ids").getArray()).map(id -> (UUID) id).collect(Collectors.toSet()),
            rs.getString("data"));

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    /** The connection that listens; only the follower's thread uses it. */
    private Connection listening;

    JdbcLiveChangeLog(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String[] types = entries.stream().map(Entry::type).toArray(String[]::new);
        String[] customers = entries.stream().map(entry -> entry.customerIds().stream().map(UUID::toString)
                .collect(Collectors.joining(",", "{", "}"))).toArray(String[]::new);
        String[] data = entries.stream().map(Entry::data).toArray(String[]::new);
        jdbc.query(APPEND, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", types));
            ps.setArray(2, ps.getConnection().createArrayOf("text", customers));
            ps.setArray(3, ps.getConnection().createArrayOf("text", data));
        }, rs -> {
        });
    }

    @Override
    public List<LiveChange> readAfter(LivePosition after, int limit) {
        return jdbc.query(READ_AFTER, CHANGE, Long.toString(after.transaction()), after.sequence(), limit);
    }

    @Override
    public List<LiveChange> readBetween(LivePosition after, LivePosition upTo, UUID customerId, int limit) {
        return jdbc.query(READ_BETWEEN, CHANGE, Long.toString(after.transaction()), after.sequence(),
                Long.toString(upTo.transaction()), upTo.sequence(), customerId, customerId, limit);
    }

    @Override
    public LivePosition newestReadable() {
        return jdbc.query(NEWEST, (rs, n) -> position(rs)).stream().findFirst().orElse(LivePosition.START);
    }

    @Override
    public boolean contains(LivePosition position) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM live_change WHERE tx = ?::xid8 AND seq = ?)",
                Boolean.class, Long.toString(position.transaction()), position.sequence()));
    }

    @Override
    public LivePosition horizon() {
        // No row: nothing was pruned yet.
        return jdbc.query("SELECT tx::text AS tx, seq FROM live_change_horizon", (rs, n) -> position(rs)).stream().findFirst()
                .orElse(LivePosition.START);
    }

    @Override
    public int prune(Instant before) {
        Integer pruned = transaction.execute(status -> {
            // One instance at a time: the others would only wait for its row locks to find the rows gone.
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(hashtext('live_change_prune'))", Boolean.class))) {
                return 0;
            }
            return jdbc.query(PRUNE, rs -> rs.next() ? rs.getInt(1) : 0, JdbcValues.timestamp(before));
        });
        return pruned == null ? 0 : pruned;
    }

    @Override
    public boolean awaitAppended(Duration timeout) throws InterruptedException {
        try {
            if (listening == null || listening.isClosed()) {
                listen();
            }
            PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            closeListening();
            throw new IllegalStateException("listening for live changes failed (" + e.getSQLState() + ")", e);
        }
    }

    private void listen() throws SQLException {
        closeListening();
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        listening = connection;
    }

    private void closeListening() {
        if (listening != null) {
            // A pooled connection: back in the pool, it must not go on collecting notifications nobody reads.
            try (Statement statement = listening.createStatement()) {
                statement.execute("UNLISTEN *");
            } catch (SQLException e) {
                // Broken already: the pool discards it.
            }
            try {
                listening.close();
            } catch (SQLException e) {
                // As above.
            }
            listening = null;
        }
    }

    @Override
    public void destroy() {
        closeListening();
    }

    private static LivePosition position(ResultSet rs) throws SQLException {
        return new LivePosition(Long.parseLong(rs.getString("tx")), rs.getLong("seq"));
    }
}
