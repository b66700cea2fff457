package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.rebuild.application.RebuildAlreadyRunningException;
import io.omnirouter.history.rebuild.application.RebuildRuns;
import io.omnirouter.history.rebuild.model.RebuildStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@code history_rebuild} (V29): the running rebuild is the row in state RUNNING (at most one, by a partial unique
 * index); the right to run it is PostgreSQL's session advisory lock (7, 1), held on a connection of its own, so it goes
 * when the instance's process dies and another instance can claim the rebuild and resume it.
 */
@Component
class JdbcRebuildRuns implements RebuildRuns {

    private static final String COLUMNS = "rebuild_id, state, started_at, finished_at, running_on, resumptions, records_read,"
            + " contacts_recorded, actions_applied, actions_refused, records_skipped, failure";
    private static final String CURRENT = "SELECT " + COLUMNS + " FROM history_rebuild ORDER BY (state = 'RUNNING') DESC, started_at DESC LIMIT 1";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String RUNNING = "SELECT rebuild_id FROM history_rebuild WHERE state = 'RUNNING'";
    private static final String CLAIM = """
            UPDATE history_rebuild SET running_on = ?, resumptions = resumptions + CASE WHEN claimed THEN 1 ELSE 0 END, claimed = true
             WHERE rebuild_id = ? AND state = 'RUNNING' RETURNING resumptions""";
    private static final RowMapper<RebuildStatus> STATUS = (rs, row) -> new RebuildStatus(rs.getObject("rebuild_id", UUID.class),
            RebuildStatus.State.valueOf(rs.getString("state")), instant(rs, "started_at"), instant(rs, "finished_at"),
            rs.getString("running_on"), rs.getInt("resumptions"), rs.getLong("records_read"), rs.getLong("contacts_recorded"),
            rs.getLong("actions_applied"), rs.getLong("actions_refused"), rs.getLong("records_skipped"), rs.getString("failure"));

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    JdbcRebuildRuns(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public Lease start(Instant at, String instance, String schemaVersion) {
        UUID rebuildId = UUID.randomUUID();
        Connection connection = null;
        try {
            // The claim first: no other instance's look for orphans can take the rebuild between its insert and its start.
            connection = lockedConnection().orElseThrow(RebuildAlreadyRunningException::new);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO history_rebuild"
                    + " (rebuild_id, state, started_at, running_on, schema_version, claimed) VALUES (?, 'RUNNING', ?, ?, ?, true)")) {
                insert.setObject(1, rebuildId);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, instance);
                insert.setString(4, schemaVersion);
                insert.executeUpdate();
            }
            return new AdvisoryLease(connection, rebuildId, false);
        } catch (SQLException e) {
            if (connection != null) {
                release(connection);
            }
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new RebuildAlreadyRunningException();
            }
            throw new IllegalStateException("could not start a rebuild: " + e.getMessage(), e);
        }
    }

    @Override
    public RebuildStatus current() {
        List<RebuildStatus> found = jdbc.query(CURRENT, STATUS);
        return found.isEmpty() ? RebuildStatus.NEVER_RUN : found.get(0);
    }

    @Override
    public String schemaVersionOf(UUID rebuildId) {
        return jdbc.queryForObject("SELECT schema_version FROM history_rebuild WHERE rebuild_id = ?", String.class, rebuildId);
    }

    @Override
    public Optional<Lease> claim(String instance) {
        List<UUID> running = jdbc.queryForList(RUNNING, UUID.class);
        if (running.isEmpty()) {
            return Optional.empty();
        }
        Connection connection = null;
        try {
            Optional<Connection> locked = lockedConnection();
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            connection = locked.get();
            UUID rebuildId = running.get(0);
            int resumptions;
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setString(1, instance);
                claim.setObject(2, rebuildId);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        release(connection); // it finished meanwhile
                        return Optional.empty();
                    }
                    resumptions = rs.getInt(1);
                }
            }
            return Optional.of(new AdvisoryLease(connection, rebuildId, resumptions > 0));
        } catch (SQLException e) {
            if (connection != null) {
                release(connection);
            }
            throw new IllegalStateException("could not claim the rebuild: " + e.getMessage(), e);
        }
    }

    @Override
    public void progressed(UUID rebuildId, Progress progress) {
        jdbc.update("UPDATE history_rebuild SET records_read = records_read + ?, contacts_recorded = contacts_recorded + ?,"
                + " actions_applied = actions_applied + ?, actions_refused = actions_refused + ?, records_skipped = records_skipped + ?"
                + " WHERE rebuild_id = ?", progress.recordsRead(), progress.contactsRecorded(), progress.actionsApplied(),
                progress.actionsRefused(), progress.recordsSkipped(), rebuildId);
    }

    @Override
    public void succeeded(UUID rebuildId, Instant at) {
        jdbc.update("UPDATE history_rebuild SET state = 'SUCCEEDED', finished_at = ? WHERE rebuild_id = ?", Timestamp.from(at), rebuildId);
    }

    @Override
    public void failed(UUID rebuildId, Instant at, String why) {
        jdbc.update("UPDATE history_rebuild SET state = 'FAILED', finished_at = ?, failure = ? WHERE rebuild_id = ? AND state = 'RUNNING'",
                Timestamp.from(at), why, rebuildId);
    }

    /** A connection of its own holding the rebuild's session lock, if no other session holds it. */
    private Optional<Connection> lockedConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_try_advisory_lock(7, 1)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.of(connection);
            }
        }
        connection.close();
        return Optional.empty();
    }

    private static void release(Connection connection) {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(7, 1)");
        } catch (SQLException e) {
            // Closing the session releases the lock anyway.
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record AdvisoryLease(Connection connection, UUID rebuildId, boolean resumes) implements Lease {

        @Override
        public void close() {
            release(connection);
        }
    }
}
