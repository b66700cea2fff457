package io.omnirouter.bench;

import io.omnirouter.local.ChildProcess;
import io.omnirouter.local.LocalStack;
import io.omnirouter.local.StackPorts;
import io.omnirouter.local.StackShape;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real stack, started the way {@code ./omnirouter up} starts it: the local-stack launcher
 * ({@code local-stack/target/local-stack-*.jar up}) as a child process with a data directory of the bench's
 * own, no simulator. The launcher starts Kafka, the registry, PostgreSQL and both services as processes and
 * stops them in order when it gets SIGTERM. The bench only adds:
 * <ul>
 *   <li>a PostgreSQL data directory initialised before the launcher sees it, with {@code shared_buffers}
 *       sized for the benchmark's store (the launcher keeps an existing data directory as it is);</li>
 *   <li>{@code _JAVA_OPTIONS=-XX:TieredStopAtLevel=4} unless told otherwise: the launcher starts its JVMs
 *       with C1 only for a quick start, which is not how the services run in production; {@code _JAVA_OPTIONS}
 *       is read after the command line, so it restores the full JIT in every JVM of the stack;</li>
 *   <li>pausing a service (SIGSTOP/SIGCONT) so that a backlog can build up for a saturation measurement while
 *       the JVM stays warm.</li>
 * </ul>
 * Processes are found through the launcher's pid files ({@code <data dir>/run/<part>.pid}).
 */
final class LocalStackProcess implements AutoCloseable {

    private static final String READY = "Omnirouter is ready";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final Path dataDir;
    private final StackShape shape;
    private final Process launcher;
    private final Path consoleLog;
    private final PrintStream progress;
    private final Set<String> paused = new LinkedHashSet<>();
    private boolean closed;

    private LocalStackProcess(Path dataDir, StackShape shape, Process launcher, Path consoleLog, PrintStream progress) {
        this.dataDir = dataDir;
        this.shape = shape;
        this.launcher = launcher;
        this.consoleLog = consoleLog;
        this.progress = progress;
    }

    /**
     * Starts a fresh stack in {@code dataDir} (wiped first, after stopping whatever an earlier, killed bench
     * left running there) and waits until the launcher reports it ready.
     *
     * @param shape          brokers and instances of each service ({@code up --brokers --instances})
     * @param postgresTuning lines for postgresql.conf
     * @param fullJit        whether to override the launcher's C1-only JIT setting
     */
    static LocalStackProcess start(Path home, Path dataDir, StackShape shape, List<String> postgresTuning, boolean fullJit,
                                   Map<String, String> environment, PrintStream progress) {
        Path launcherJar = newest(home.resolve("local-stack/target"), "local-stack-", ".jar")
                .orElseThrow(() -> new BenchException("The local stack is not built: no " + home.resolve("local-stack/target/local-stack-*.jar")
                        + ". Build it with ./mvnw -DskipTests install (./omnirouter bench does that for you)."));
        LocalStack.stopLeftovers(dataDir, progress);
        LocalStack.deleteDataDirectory(dataDir);
        provisionPostgres(dataDir.resolve("postgres"), postgresTuning);

        Path logs = dataDir.resolve("logs");
        Path consoleLog = logs.resolve("launcher-console.log");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(javaExecutable(), "-jar", launcherJar.toString(), "up",
                "--home", home.toString(), "--data-dir", dataDir.toString(),
                "--brokers", Integer.toString(shape.brokers()), "--instances", Integer.toString(shape.instances()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(consoleLog.toFile()));
        builder.environment().put("OMNIROUTER_SIMULATOR", "off");
        builder.environment().remove("OMNIROUTER_DATA_DIR");
        if (fullJit) {
            String existing = System.getenv("_JAVA_OPTIONS");
            builder.environment().put("_JAVA_OPTIONS", (existing == null ? "" : existing + " ") + "-XX:TieredStopAtLevel=4");
        }
        builder.environment().putAll(environment);
        Process launcher;
        try {
            launcher = builder.start();
            launcher.getOutputStream().close();
        } catch (IOException e) {
            throw new BenchException("Could not start the launcher: " + e.getMessage(), e);
        }
        LocalStackProcess stack = new LocalStackProcess(dataDir, shape, launcher, consoleLog, progress);
        try {
            stack.awaitReady();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!console().contains(READY)) {
            if (!launcher.isAlive()) {
                throw new BenchException("The local stack did not start (launcher exit code " + launcher.exitValue() + "). "
                        + consoleLog + " says:\n" + tail(console(), 40));
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("The local stack was not ready after " + START_TIMEOUT.toMinutes() + " min; see " + consoleLog);
            }
            sleep(Duration.ofMillis(500));
        }
    }

    StackShape shape() {
        return shape;
    }

    /** The part names of the router instances ({@code router-service}, or {@code router-service-1..n}). */
    List<String> routers() {
        return shape.instanceNames(LocalStack.ROUTER);
    }

    List<String> histories() {
        return shape.instanceNames(LocalStack.HISTORY);
    }

    List<String> brokers() {
        return shape.brokerNames();
    }

    String bootstrapServers() {
        return StackPorts.LOCAL.bootstrapServers(shape);
    }

    /** The log file of a part. */
    Path log(String part) {
        return logs().resolve(part + ".log");
    }

    long pid(String part) {
        return readPid(dataDir.resolve("run").resolve(part + ".pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .orElseThrow(() -> new BenchException(part + " is not running (no live pid in " + dataDir.resolve("run") + ")"));
    }

    long postmasterPid() {
        return readPid(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .orElseThrow(() -> new BenchException("PostgreSQL is not running"));
    }

    /** Freezes parts (SIGSTOP): they consume nothing until {@link #resume}, and keep their JIT-compiled code. */
    synchronized void pause(List<String> parts) {
        for (String part : parts) {
            ChildProcess.signal("STOP", pid(part));
            paused.add(part);
        }
    }

    synchronized void resume(List<String> parts) {
        for (String part : parts) {
            ChildProcess.signal("CONT", pid(part));
            paused.remove(part);
        }
    }

    /** The stack still runs (the launcher stops everything when any part dies). */
    void checkAlive() {
        if (!launcher.isAlive()) {
            throw new BenchException("The local stack stopped during the benchmark. " + consoleLog + " says:\n" + tail(console(), 40));
        }
    }

    Path logs() {
        return dataDir.resolve("logs");
    }

    /** Stops the whole stack through the launcher (SIGTERM: services, registry, Kafka, PostgreSQL in order). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String part : List.copyOf(paused)) {
            try {
                resume(List.of(part));
            } catch (RuntimeException e) {
                // already gone
            }
        }
        if (launcher.isAlive()) {
            progress.println("Stopping the local stack");
            launcher.destroy();
            try {
                launcher.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                launcher.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                launcher.destroyForcibly();
            }
        }
        LocalStack.stopLeftovers(dataDir, progress);
    }

    /**
     * initdb through zonky (the same binaries and options the launcher would use; it keeps a data directory
     * that has a postgresql.conf), then the tuning lines appended to postgresql.conf.
     */
    private static void provisionPostgres(Path postgresDir, List<String> tuning) {
        try {
            Files.createDirectories(postgresDir);
            Path log = postgresDir.getParent().resolve("logs").resolve("postgres-initdb.log");
            Files.createDirectories(log.getParent());
            EmbeddedPostgres initialised = EmbeddedPostgres.builder()
                    .setDataDirectory(postgresDir)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
            initialised.close();
            if (!tuning.isEmpty()) {
                List<String> lines = new ArrayList<>();
                lines.add("");
                lines.add("# Added by ./omnirouter bench (io.omnirouter.bench.LocalStackProcess)");
                lines.addAll(tuning);
                Files.write(postgresDir.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new BenchException("Could not initialise PostgreSQL in " + postgresDir + ": " + e.getMessage(), e);
        }
    }

    private String console() {
        try {
            return Files.exists(consoleLog) ? Files.readString(consoleLog, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(file).stream().findFirst().orElse("").strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> newest(Path dir, String prefix, String suffix) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && !name.endsWith("-sources.jar")
                        && !name.endsWith("-tests.jar");
            }).max(Comparator.comparing(f -> f.toFile().lastModified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }
}
