package io.omnirouter.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * JDBC access to the history's PostgreSQL, for what the API does not show: how many contacts a phase stored
 * and when ({@code contact.recorded_at}, the ingesting transaction's start), store sizes, maintenance.
 * The database, role and password are the local stack's ({@code io.omnirouter.local.PostgresServer}).
 */
final class HistoryDb {

    static final String URL = "jdbc:postgresql://localhost:5432/omnirouter";
    static final String USER = "omnirouter";
    static final String PASSWORD = "omnirouter";
    /** zonky's initdb superuser (trust authentication on localhost): for CHECKPOINT and pg_prewarm. */
    static final String SUPERUSER = "postgres";

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(URL, properties);
    }

    Connection connectAsSuperuser() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        return DriverManager.getConnection(URL, properties);
    }

    /** The database's clock: rows recorded from now on have {@code recorded_at >= } this. */
    Instant now() {
        return query("SELECT clock_timestamp()", rs -> rs.getTimestamp(1).toInstant());
    }

    long contacts() {
        return query("SELECT count(*) FROM contact", rs -> rs.getLong(1));
    }

    long customers() {
        return query("SELECT count(*) FROM customer", rs -> rs.getLong(1));
    }

    long identifiers() {
        return query("SELECT count(*) FROM customer_identifier", rs -> rs.getLong(1));
    }

    /**
     * Stored contacts the follow-up (tasks, SLA clocks) has not applied yet: it works through them after the
     * ingest, in the background. -1 if this version of the service has no such stage.
     */
    long followUpPending() {
        if (hasTable("followup_pending")) {
            return query("SELECT count(*) FROM followup_pending", rs -> rs.getLong(1));
        }
        // Versions before the queue table (V21) flagged contacts instead.
        boolean staged = query("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = 'contact' AND column_name = 'followup_applied'", rs -> rs.getLong(1)) > 0;
        return staged ? query("SELECT count(*) FROM contact WHERE NOT followup_applied", rs -> rs.getLong(1)) : -1;
    }

    /**
     * Data keys in {@code personal.data_key}: the router creates one per contact it seals, none with sealing off. -1 if
     * this version has no such table.
     */
    long dataKeys() {
        boolean exists = query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'personal'"
                + " AND table_name = 'data_key'", rs -> rs.getLong(1)) > 0;
        return exists ? query("SELECT count(*) FROM personal.data_key", rs -> rs.getLong(1)) : -1;
    }

    boolean hasTable(String table) {
        return query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '" + table + "'",
                rs -> rs.getLong(1)) > 0;
    }

    /** Waits until the follow-up has applied every stored contact; gives up after {@code stuck} without progress. */
    void awaitFollowUp(java.time.Duration stuck, Runnable stillRunning, String whereToLook) {
        long deadline = System.nanoTime() + stuck.toNanos();
        long best = Long.MAX_VALUE;
        long pending;
        while ((pending = followUpPending()) > 0) {
            stillRunning.run();
            if (pending < best) {
                best = pending;
                deadline = System.nanoTime() + stuck.toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("The follow-up made no progress for " + stuck.toSeconds() + " s with " + pending
                        + " contacts not applied; see " + whereToLook);
            }
            // A count of a long queue is work for PostgreSQL too: ask less often while it is long.
            LocalStackProcess.sleep(java.time.Duration.ofMillis(pending > 10_000 ? 1_000 : 200));
        }
    }

    /** Bytes of the history's tables with their indexes. */
    long storeBytes() {
        return query("SELECT pg_total_relation_size('contact') + pg_total_relation_size('customer')"
                + " + pg_total_relation_size('customer_identifier')", rs -> rs.getLong(1));
    }

    /** The whole database on disk: every table, index and history table of the store. */
    long databaseBytes() {
        return query("SELECT pg_database_size(current_database())", rs -> rs.getLong(1));
    }

    /** Contacts recorded since {@code since}: how many, first and last {@code recorded_at}. */
    record Recorded(long contacts, Instant first, Instant last) {

        double perSecond() {
            double seconds = seconds();
            return seconds <= 0 ? 0 : contacts / seconds;
        }

        double seconds() {
            return first == null ? 0 : java.time.Duration.between(first, last).toNanos() / 1e9;
        }
    }

    Recorded recordedSince(Instant since) {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*), min(recorded_at), max(recorded_at) FROM contact WHERE recorded_at >= ?")) {
            statement.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                Timestamp first = rs.getTimestamp(2);
                Timestamp last = rs.getTimestamp(3);
                return new Recorded(rs.getLong(1), first == null ? null : first.toInstant(), last == null ? null : last.toInstant());
            }
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Random customers, for timeline queries. */
    List<UUID> sampleCustomers(int count) {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT customer_id FROM customer ORDER BY random() LIMIT ?")) {
            statement.setInt(1, count);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL: " + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * After a bulk load, what a database that grew to this size would have done by itself: statistics and
     * visibility map (VACUUM ANALYZE, so that autovacuum does not start in the middle of a measurement), a
     * checkpoint, and the tables and indexes read into shared_buffers (pg_prewarm) — the working set of a
     * store in use is in memory; the bench's freshly written one would otherwise be read from disk
     * (docs/build-environment.md: idle page cache is evicted after ~30 s).
     */
    void settle(boolean prewarm) {
        try (Connection connection = connectAsSuperuser(); Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE customer");
            statement.execute("VACUUM ANALYZE customer_identifier");
            statement.execute("VACUUM ANALYZE contact");
            statement.execute("CHECKPOINT");
            if (prewarm) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
                for (String relation : List.of("customer", "customer_pkey", "customer_identifier", "customer_identifier_pkey",
                        "customer_identifier_customer_idx", "contact", "contact_pkey", "contact_timeline_idx", "contact_thread_idx")) {
                    try (ResultSet rs = statement.executeQuery("SELECT pg_prewarm(c.oid) FROM pg_class c WHERE c.relname = '"
                            + relation + "' AND c.relnamespace = 'public'::regnamespace")) {
                        rs.next();
                    }
                }
            }
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL maintenance failed: " + e.getMessage(), e);
        }
    }

    String setting(String name) {
        return query("SELECT current_setting('" + name + "')", rs -> rs.getString(1));
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> T query(String sql, Row<T> row) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return row.read(rs);
        } catch (SQLException e) {
            throw new BenchException("PostgreSQL: " + e.getMessage(), e);
        }
    }
}
