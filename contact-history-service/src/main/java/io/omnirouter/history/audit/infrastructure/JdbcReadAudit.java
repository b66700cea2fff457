package io.omnirouter.history.audit.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.strings;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.audit.application.ReadAudit;
import io.omnirouter.history.audit.model.CustomerRead;
import io.omnirouter.history.audit.model.ReadAuditCursor;
import io.omnirouter.history.audit.model.RecordedRead;
import io.omnirouter.history.shared.jdbc.JdbcValues;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read audit in the table read_audit (V33). */
@Repository
class JdbcReadAudit implements ReadAudit {

    private static final String RECORD = """
            INSERT INTO read_audit (read_at, actor, roles, customer_id, endpoint, as_of, instance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String READS = "SELECT id, read_at, actor, roles, customer_id, endpoint, as_of, instance_id FROM read_audit";

    private final JdbcTemplate jdbc;

    JdbcReadAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(List<CustomerRead> reads) {
        // One statement however many customers a request read (reWriteBatchedInserts: a multi-row INSERT).
        JdbcValues.batch(jdbc, RECORD, reads, (ps, read) -> {
            ps.setObject(1, timestamp(read.readAt()));
            ps.setString(2, read.actor());
            ps.setArray(3, ps.getConnection().createArrayOf("text", read.roles().toArray()));
            ps.setObject(4, read.customerId());
            ps.setString(5, read.endpoint());
            ps.setObject(6, timestamp(read.asOf()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(7, read.instanceId());
        });
    }

    @Override
    public List<RecordedRead> reads(Set<UUID> customerIds, String actor, Optional<ReadAuditCursor> after, int limit) {
        // Only the conditions asked for, so that each query's plan can use its index (a prepared "? IS NULL OR …"
        // would get a generic plan that scans).
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (customerIds != null) {
            conditions.add("customer_id = ANY (?)");
            arguments.add(customerIds.toArray(UUID[]::new));
        }
        if (actor != null) {
            conditions.add("actor = ?");
            arguments.add(actor);
        }
        after.ifPresent(cursor -> {
            conditions.add("(read_at, id) < (?, ?)");
            arguments.add(timestamp(cursor.readAt()));
            arguments.add(cursor.id());
        });
        arguments.add(limit);
        String sql = READS + " WHERE " + String.join(" AND ", conditions) + " ORDER BY read_at DESC, id DESC LIMIT ?";
        return jdbc.query(sql, ps -> {
            for (int i = 0; i < arguments.size(); i++) {
                Object argument = arguments.get(i);
                if (argument instanceof UUID[] ids) {
                    ps.setArray(i + 1, ps.getConnection().createArrayOf("uuid", ids));
                } else {
                    ps.setObject(i + 1, argument);
                }
            }
        }, (rs, row) -> new RecordedRead(rs.getLong("id"), new CustomerRead(instant(rs, "read_at"), rs.getString("actor"),
                strings(rs.getArray("roles")), rs.getObject("customer_id", UUID.class), rs.getString("endpoint"),
                instant(rs, "as_of"), rs.getString("instance_id"))));
    }
}
