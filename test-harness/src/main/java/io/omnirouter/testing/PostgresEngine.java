package io.omnirouter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real PostgreSQL server (the version of the zonky binaries imported by the root pom: 17) started
 * from the binaries in the Maven jar, unpacked under {@code java.io.tmpdir/embedded-pg}.
 */
final class PostgresEngine implements AutoCloseable {

    private static final String DEADLOCK_DETECTED = "40P01";
    private static final Duration TRUNCATE_PATIENCE = Duration.ofSeconds(30);

    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";
    /** The server trusts local connections; the password only satisfies clients that insist on one. */
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final DataSource dataSource;

    private PostgresEngine(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.dataSource = postgres.getPostgresDatabase();
    }

    static PostgresEngine start() {
        try {
            return new PostgresEngine(EmbeddedPostgres.builder()
                    // zonky defaults to off, which loses committed transactions on a crash; test what production runs.
                    .setServerConfig("synchronous_commit", "on")
                    // Stopped by RealInfrastructure's shutdown hook with the other engines.
                    .setRegisterShutdownHook(false)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL failed to start", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    String user() {
        return USER;
    }

    String password() {
        return PASSWORD;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Empties every table. The service under test works in the background (ingest, follow-up workers; after a
     * rebuild, the follow-up derives every customer again) and may hold locks in another order: PostgreSQL then breaks
     * the deadlock by aborting one side, possibly this statement, which is tried again until the workers let it
     * through (at most {@link #TRUNCATE_PATIENCE}).
     */
    void truncateAllTables() {
        SQLException[] last = new SQLException[1];
        try {
            Awaitility.await("emptying the test database").atMost(TRUNCATE_PATIENCE).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        try {
                            truncateOnce();
                            return true;
                        } catch (SQLException e) {
                            if (!DEADLOCK_DETECTED.equals(e.getSQLState())) {
                                throw e;
                            }
                            last[0] = e;
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Emptying the test database failed: deadlocked for " + TRUNCATE_PATIENCE, last[0]);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Emptying the test database failed", e.getCause() == null ? e : e.getCause());
        }
    }

    private void truncateOnce() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT quote_ident(tablename) FROM pg_tables
                    WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'""")) {
                while (rows.next()) {
                    tables.add("public." + rows.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                // One statement: CASCADE and foreign keys between the tables need no ordering.
                statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
