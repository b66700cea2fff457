package io.omnirouter.history.presence.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;

import io.omnirouter.history.presence.application.ViewerStore;
import io.omnirouter.history.presence.model.Viewer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Heartbeats in the UNLOGGED table customer_viewer (V38), stamped and aged with the database's clock. */
@Repository
class JdbcViewerStore implements ViewerStore {

    private static final String SEEN = """
            INSERT INTO customer_viewer (customer_id, agent_id, seen_at) VALUES (?, ?, now())
            ON CONFLICT (customer_id, agent_id) DO UPDATE SET seen_at = excluded.seen_at""";
    private static final String LEFT = "DELETE FROM customer_viewer WHERE customer_id = ANY (?) AND agent_id = ?";
    private static final String SEEN_WITHIN = """
            SELECT agent_id, seen_at FROM customer_viewer
             WHERE customer_id = ANY (?) AND seen_at >= now() - make_interval(secs => ?)""";
    private static final String PURGE = "DELETE FROM customer_viewer WHERE seen_at < now() - make_interval(secs => ?)";

    private final JdbcTemplate jdbc;

    JdbcViewerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void seen(UUID customerId, String agentId) {
        jdbc.update(SEEN, customerId, agentId);
    }

    @Override
    public void left(Collection<UUID> customerIds, String agentId) {
        jdbc.update(LEFT, ps -> {
            ids(ps, customerIds);
            ps.setString(2, agentId);
        });
    }

    @Override
    public List<Viewer> seenWithin(Collection<UUID> customerIds, Duration ttl) {
        return jdbc.query(SEEN_WITHIN, ps -> {
            ids(ps, customerIds);
            ps.setDouble(2, seconds(ttl));
        }, (rs, row) -> new Viewer(rs.getString("agent_id"), instant(rs, "seen_at")));
    }

    @Override
    public int purgeOlderThan(Duration ttl) {
        return jdbc.update(PURGE, ps -> ps.setDouble(1, seconds(ttl)));
    }

    private static void ids(PreparedStatement ps, Collection<UUID> customerIds) throws SQLException {
        ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray()));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
