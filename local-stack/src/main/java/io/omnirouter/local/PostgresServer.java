package io.omnirouter.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 17 from the zonky binaries, run by the launcher (pg_ctl detaches the postmaster into its own
 * session, so Ctrl-C does not reach it). The cluster lives in {@code <data dir>/postgres} across restarts.
 * The local database {@code omnirouter} belongs to the role {@code omnirouter}; the server trusts local
 * connections, as zonky's initdb sets it up.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "omnirouter";
    static final String USER = "omnirouter";
    static final String PASSWORD = "omnirouter";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);

    private static final Duration CRASH_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    static PostgresServer start(Path dataDir, int port, Path logFile) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky's default is off, which loses committed transactions on a crash.
                    .setServerConfig("synchronous_commit", "on")
                    // Stopped by the launcher after the services, not by a hook racing them.
                    .setRegisterShutdownHook(false)
                    // Crash recovery after a hard kill can take longer than zonky's 10 s.
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
            PostgresServer server = new PostgresServer(postgres, dataDir, port);
            server.createDatabase();
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StackException("PostgreSQL did not start: " + e.getMessage() + "; see " + logFile, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** A connection to the application database works. */
    boolean healthy() {
        try (Connection connection = postgres.getDatabase(USER, DATABASE).getConnection();
             Statement statement = connection.createStatement()) {
            return statement.execute("SELECT 1");
        } catch (SQLException e) {
            return false;
        }
    }

    boolean isAlive() {
        return postmaster(dataDir).isPresent();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * An immediate shutdown (SIGQUIT to the postmaster, {@code pg_ctl stop -m immediate}): every backend ends at
     * once without a checkpoint, as in a crash, and the next start runs crash recovery from the WAL. This
     * server object is finished afterwards; {@link #start} a new one on the same data directory.
     */
    void crash() throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(dataDir);
        if (postmaster.isPresent()) {
            ChildProcess.signal("QUIT", postmaster.get().pid());
            try {
                postmaster.get().onExit().get(CRASH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new StackException("PostgreSQL (pid " + postmaster.get().pid() + ") still runs " + CRASH_WAIT.toSeconds()
                        + " s after an immediate shutdown");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while PostgreSQL shut down", e);
            }
        }
        // Releases zonky's lock on the data directory; its pg_ctl stop finds no server and says so in the log.
        postgres.close();
    }

    /** Stops a postmaster that a launcher killed hard left running on this data directory. */
    static void stopLeftover(Path dataDir, Duration grace, Consumer<String> report) {
        postmaster(dataDir).ifPresent(leftover -> {
            report.accept("Stopping PostgreSQL (pid " + leftover.pid() + ") left running by an earlier launcher");
            // SIGTERM: a "smart" shutdown; its clients, the services, were stopped before.
            ChildProcess.terminate("postgres", leftover, grace);
        });
    }

    /** The live postmaster of {@code dataDir}, from its postmaster.pid. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        return PidFiles.readPid(dataDir.resolve("postmaster.pid"))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }
}
