package io.omnirouter.bench;

import io.omnirouter.local.ChildProcess;
import io.omnirouter.local.LocalStack;
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

    static final String ROUTER = "router-service";
    static final String HISTORY = "contact-history-service";
    static final String KAFKA = "kafka";
    static final String REGISTRY = "registry";
    /** The launcher's JVM marker (io.omnirouter.local.Jvm): tags every child JVM with its data directory. */
    private static final String MARKER = "-Domnirouter.local-stack=";
    private static final String READY = "Omnirouter is ready";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final Path dataDir;
    private final Process launcher;
    private final Path consoleLog;
    private final PrintStream progress;
    private final Set<String> paused = new LinkedHashSet<>();
    private boolean closed;

    private LocalStackProcess(Path dataDir, Process launcher, Path consoleLog, PrintStream progress) {
        this.dataDir = dataDir;
        this.launcher = launcher;
        this.consoleLog = consoleLog;
        this.progress = progress;
    }

    /**
     * Starts a fresh stack in {@code dataDir} (wiped first, after stopping whatever an earlier, killed bench
     * left running there) and waits until the launcher reports it ready.
     *
     * @param postgresTuning lines for postgresql.conf
     * @param fullJit        whether to override the launcher's C1-only JIT setting
     */
    static LocalStackProcess start(Path home, Path dataDir, List<String> postgresTuning, boolean fullJit,
                                   Map<String, String> environment, PrintStream progress) {
        Path launcherJar = newest(home.resolve("local-stack/target"), "local-stack-", ".jar")
                .orElseThrow(() -> new BenchException("The local stack is not built: no " + home.resolve("local-stack/target/local-stack-*.jar")
                        + ". Build it with ./mvnw -DskipTests install (./omnirouter bench does that for you)."));
        stopLeftovers(dataDir, progress);
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
                "--home", home.toString(), "--data-dir", dataDir.toString());
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
        LocalStackProcess stack = new LocalStackProcess(dataDir, launcher, consoleLog, progress);
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

    long pid(String part) {
        return readPid(dataDir.resolve("run").resolve(part + ".pid"))
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .orElseThrow(() -> new BenchException(part + " is not running (no live pid in " + dataDir.resolve("run") + ")"));
    }

    long postmasterPid() {
        return readPid(dataDir.resolve("postgres").resolve("postmaster.pid"))
                .orElseThrow(() -> new BenchException("PostgreSQL is not running"));
    }

    /** Freezes a service (SIGSTOP): it consumes nothing until {@link #resume}, and keeps its JIT-compiled code. */
    synchronized void pause(String part) {
        ChildProcess.signal("STOP", pid(part));
        paused.add(part);
    }

    synchronized void resume(String part) {
        ChildProcess.signal("CONT", pid(part));
        paused.remove(part);
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
                resume(part);
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
        stopLeftovers(dataDir, progress);
    }

    /** What a launcher killed hard (with its bench) left running in {@code dataDir}: the launcher, its JVMs, PostgreSQL. */
    static void stopLeftovers(Path dataDir, PrintStream progress) {
        Path run = dataDir.resolve("run");
        readPid(run.resolve("launcher.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("local-stack")).orElse(false))
                .ifPresent(launcher -> {
                    progress.println("Stopping a local stack left running in " + dataDir + " (launcher pid " + launcher.pid() + ")");
                    terminate(launcher, STOP_TIMEOUT);
                });
        if (Files.isDirectory(run)) {
            try (Stream<Path> files = Files.list(run)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    readPid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().commandLine().map(c -> c.contains(MARKER + dataDir)).orElse(false))
                            .ifPresent(leftover -> {
                                progress.println("Stopping " + file.getFileName() + " (pid " + leftover.pid() + ") left running in " + dataDir);
                                ChildProcess.signal("CONT", leftover.pid());
                                terminate(leftover, Duration.ofSeconds(30));
                            });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        readPid(dataDir.resolve("postgres").resolve("postmaster.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(postmaster -> {
                    progress.println("Stopping PostgreSQL (pid " + postmaster.pid() + ") left running in " + dataDir);
                    ChildProcess.signal("INT", postmaster.pid()); // fast shutdown
                    terminate(postmaster, Duration.ofSeconds(30));
                });
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

    private static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
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
