package io.omnirouter.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The history service's PostgreSQL as the checks read it: which contacts are stored (by source event), when each
 * became visible, whether follow-up work is still queued, and the whole derived state as rows to compare with the
 * reference run's.
 */
final class HistoryDatabase {

    /**
     * The tables that make up what agents see, each with its key and the columns left out of the comparison: the
     * processing-time stamps (when a row was written, not what happened), which differ between any two runs, and a
     * task's {@code version}, {@code changed_at} and {@code change_reason}, which number, date and explain its last
     * change: they tell the path by which a task reached its state (a clock tick before a late contact is a version
     * more), not the state. {@code followup.tasks} is held to its own promise for those: one content per (task id,
     * version) within a run ({@link KafkaAudit}). Every other column is compared: customer, type, status, due time,
     * tier, queue, priority, assignee, closing contact and time, lateness.
     */
    static final Map<String, Table> COMPARED = tables(
            new Table("customer", "customer_id", Set.of("created_at"), Set.of()),
            new Table("customer_identifier", "type, value", Set.of(), Set.of("seen_with")),
            new Table("customer_merge", "merge_id", Set.of(), Set.of()),
            new Table("customer_unmerge", "merge_id", Set.of("undone_at"), Set.of()),
            new Table("contact", "contact_id", Set.of("routed_at", "recorded_at"), Set.of()),
            new Table("follow_up_task", "task_id", Set.of("version", "changed_at", "change_reason"), Set.of()),
            new Table("agent_absence", "agent_id", Set.of("updated_at"), Set.of()));

    /**
     * @param notCompared columns not compared (see {@link #COMPARED})
     * @param sets           array columns whose order means nothing (compared sorted)
     */
    record Table(String name, String key, Set<String> notCompared, Set<String> sets) {
    }

    /** @param count how often the history holds the source event; @param visibleAt when it was stored (ms) */
    record Stored(int count, long visibleAt) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;

    HistoryDatabase(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Source event (channel topic/event id) → how often it is stored and when it first became visible. */
    Map<String, Stored> storedContacts() throws SQLException {
        Map<String, Stored> stored = new HashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT channel, source_event_id, count(*), (extract(epoch FROM min(recorded_at)) * 1000)::bigint
                       FROM contact GROUP BY channel, source_event_id""")) {
            while (rows.next()) {
                stored.put(SourceKey.ofChannel(rows.getString(1), rows.getString(2)), new Stored(rows.getInt(3), rows.getLong(4)));
            }
        }
        return stored;
    }

    /** Follow-up work not done yet: contacts not applied, task versions not relayed, escalations due but not made. */
    long followUpBacklog() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT (SELECT count(*) FROM followup_pending)
                          + (SELECT count(*) FROM follow_up_outbox)
                          + (SELECT count(*) FROM follow_up_task WHERE status = 'OPEN' AND next_escalation_at <= now())""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every compared table: its rows by key ({@code column=value, ...} of the key columns), each row column by column. */
    Map<String, Map<String, Map<String, String>>> snapshot() throws SQLException {
        Map<String, Map<String, Map<String, String>>> snapshot = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            for (Table table : COMPARED.values()) {
                List<String> columns = columns(statement, table);
                List<String> keyColumns = List.of(table.key().split(",\\s*"));
                Map<String, Map<String, String>> rows = new LinkedHashMap<>();
                try (ResultSet result = statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table.name()
                        + " ORDER BY " + table.key())) {
                    while (result.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
                        }
                        StringJoiner key = new StringJoiner(", ");
                        keyColumns.forEach(column -> key.add(column + "=" + row.get(column)));
                        if (rows.put(key.toString(), row) != null) {
                            throw new SQLException(table.name() + " holds " + key + " twice");
                        }
                    }
                }
                snapshot.put(table.name(), rows);
            }
        }
        return snapshot;
    }

    /** The table's columns in order, without its processing-time stamps; arrays that are sets come sorted. */
    private static List<String> columns(Statement statement, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                + "current_schema() AND table_name = '" + table.name() + "' ORDER BY ordinal_position")) {
            while (result.next()) {
                String column = result.getString(1);
                if (table.sets().contains(column)) {
                    columns.add("ARRAY(SELECT unnest(" + column + ") ORDER BY 1) AS " + column);
                } else if (!table.notCompared().contains(column)) {
                    columns.add(column);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("No table " + table.name() + " in the history database");
        }
        return columns;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static Map<String, Table> tables(Table... tables) {
        Map<String, Table> byName = new LinkedHashMap<>();
        for (Table table : tables) {
            byName.put(table.name(), table);
        }
        return byName;
    }
}
