package io.omnirouter.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.simulator.TrafficSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local stack in dependency order — the registry, Kafka and PostgreSQL side by side, then both
 * services, then the simulator — waits until each part is healthy, and stops everything in reverse:
 * simulator, services, registry, Kafka, PostgreSQL. Safe to close from a shutdown hook while starting.
 */
final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    static final String REGISTRY = "registry";
    static final String ROUTER = "router-service";
    static final String HISTORY = "contact-history-service";
    /** Stop order of the children, also for the leftovers of a launcher that was killed hard. */
    private static final List<String> STOP_ORDER = List.of(HISTORY, ROUTER, REGISTRY, KafkaBroker.NAME);

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(120);
    /** Generous: on two cores both Spring Boot services start while three other JVMs are still warming up. */
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(30);
    private static final Duration REGISTRY_GRACE = Duration.ofSeconds(15);
    private static final Duration KAFKA_GRACE = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    @FunctionalInterface
    private interface Probe {
        boolean ready();
    }

    private final StackSettings settings;
    private final StackLayout layout;
    private final PrintStream out;
    private final PrintStream err;
    private final Jvm jvm;
    private final PidFiles pidFiles;
    private final HealthProbes probes = new HealthProbes();
    private final long launchedAt = System.nanoTime();
    private final List<ChildProcess> children = new ArrayList<>();

    private volatile boolean closing;
    private boolean closed;
    /** Held for the launcher's lifetime: one launcher per data directory. */
    private LauncherLock lock;
    private PostgresServer postgres;
    private TrafficSimulator simulator;

    LocalStack(StackSettings settings, StackLayout layout, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.layout = layout;
        this.out = out;
        this.err = err;
        this.jvm = new Jvm(settings.dataDir());
        this.pidFiles = new PidFiles(settings.runDir(), jvm);
    }

    /** Starts everything, prints where it is, and runs until closed (0) or until a part dies (1). */
    int run() {
        start();
        Banner.print(out, settings, elapsed());
        return watch();
    }

    private void start() {
        lock = LauncherLock.acquire(settings.runDir());
        pidFiles.stopLeftovers(STOP_ORDER, LEFTOVER_GRACE, out::println);
        PostgresServer.stopLeftover(postgresDir(), LEFTOVER_GRACE, out::println);
        PortCheck.ensureFree(ports());

        out.println("Starting Omnirouter (data in " + settings.dataDir() + ")");
        ChildProcess registry = register(startRegistry());
        ChildProcess kafka = register(new KafkaBroker(settings.dataDir().resolve("kafka"), layout.kafkaLib(), jvm,
                settings.logFile(KafkaBroker.NAME)).start());
        postgres = register(PostgresServer.start(postgresDir(), settings.logFile("postgres")));
        await("PostgreSQL", null, settings.logFile("postgres"), INFRASTRUCTURE_TIMEOUT, postgres::healthy);
        report("PostgreSQL 17", "localhost:" + LocalPorts.POSTGRES);
        await("Kafka", kafka, kafka.logFile(), INFRASTRUCTURE_TIMEOUT, probes::kafkaReady);
        report("Kafka", LocalPorts.KAFKA_BOOTSTRAP);
        await("The schema registry", registry, registry.logFile(), INFRASTRUCTURE_TIMEOUT,
                () -> probes.ok("http://localhost:" + LocalPorts.REGISTRY + "/health/ready"));
        report("Schema registry", LocalPorts.REGISTRY_URL);

        ChildProcess router = settings.runs(OptionalPart.ROUTER) ? register(startRouter()) : null;
        if (router != null && settings.runs(OptionalPart.HISTORY)) {
            // The router creates contact.events (retention: forever). Started earlier, the history service's consumer
            // could have the broker auto-create it first, with the default retention of a week.
            String contactEvents = ContractTopic.CONTACT_EVENTS.topic();
            await(ROUTER + " creating " + contactEvents, router, router.logFile(), SERVICE_TIMEOUT,
                    () -> probes.topicExists(contactEvents));
        }
        ChildProcess history = settings.runs(OptionalPart.HISTORY) ? register(startHistory()) : null;
        if (router != null) {
            await(ROUTER, router, router.logFile(), SERVICE_TIMEOUT,
                    () -> probes.up("http://localhost:" + LocalPorts.ROUTER_MANAGEMENT + "/actuator/health"));
            report(ROUTER, "management on :" + LocalPorts.ROUTER_MANAGEMENT);
        }
        if (history != null) {
            await(HISTORY, history, history.logFile(), SERVICE_TIMEOUT,
                    () -> probes.up("http://localhost:" + LocalPorts.HISTORY + "/actuator/health"));
            report(HISTORY, "http://localhost:" + LocalPorts.HISTORY);
        }
        if (settings.runs(OptionalPart.SIMULATOR)) {
            startSimulator();
        }
    }

    private ChildProcess startRegistry() {
        Map<String, String> env = Map.of(
                // Apicurio's SQL storage on an H2 file instead of memory: schema ids must survive restarts, since
                // the records in Kafka keep referring to them.
                "REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + settings.dataDir().resolve("registry").resolve("registry"));
        return ChildProcess.start(REGISTRY, jvm.command(List.of(
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=localhost",
                "-Dquarkus.http.port=" + LocalPorts.REGISTRY,
                "-jar", layout.registryJar().toString())), env, settings.dataDir().resolve("registry"), settings.logFile(REGISTRY));
    }

    private ChildProcess startRouter() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", LocalPorts.KAFKA_BOOTSTRAP,
                "SCHEMA_REGISTRY_URL", LocalPorts.REGISTRY_URL,
                "ROUTER_MANAGEMENT_PORT", Integer.toString(LocalPorts.ROUTER_MANAGEMENT),
                "DEFAULT_PHONE_REGION", "SI",
                // A stable id keeps the transactional id stable: a restarted router fences its killed predecessor at
                // once instead of leaving read_committed consumers waiting for the old transaction to time out.
                "ROUTER_INSTANCE_ID", "local-1",
                "SERVER_ADDRESS", "localhost");
        return startService(ROUTER, layout.routerJar().toString(), "384m", env);
    }

    private ChildProcess startHistory() {
        Map<String, String> env = Map.of(
                "SERVER_PORT", Integer.toString(LocalPorts.HISTORY),
                "SERVER_ADDRESS", "localhost",
                "SPRING_DATASOURCE_URL", postgres.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", PostgresServer.USER,
                "SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", LocalPorts.KAFKA_BOOTSTRAP,
                "SCHEMA_REGISTRY_URL", LocalPorts.REGISTRY_URL,
                "OMNIROUTER_LOCAL_PASSWORD", settings.localPassword());
        return startService(HISTORY, layout.historyJar().toString(), "512m", env);
    }

    /** C1 only, like the registry and the broker: faster start-up on a laptop; a local stack needs no peak throughput. */
    private ChildProcess startService(String name, String jar, String heap, Map<String, String> env) {
        return ChildProcess.start(name, jvm.command(List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-jar", jar)), env,
                settings.dataDir().resolve(name), settings.logFile(name));
    }

    private void startSimulator() {
        TrafficSimulator traffic = TrafficSimulator.connect(LocalPorts.KAFKA_BOOTSTRAP, LocalPorts.REGISTRY_URL, settings.simulator());
        synchronized (this) {
            if (closed) {
                traffic.close();
                throw stopping();
            }
            simulator = traffic;
            simulator.start();
        }
        report("Traffic simulator", Banner.rate(settings.simulator().eventsPerSecond()) + " events/s");
    }

    /** Until closed (0), or until a part stops by itself (1: the rest is stopped, the reason printed). */
    private int watch() {
        while (!closing) {
            for (ChildProcess child : children) {
                if (!child.isAlive()) {
                    return died(child.name() + " exited with code " + child.exitValue() + ". Last lines of " + child.logFile()
                            + ":" + System.lineSeparator() + child.lastLines(25));
                }
            }
            if (!postgres.isAlive()) {
                return died("PostgreSQL stopped; see " + settings.logFile("postgres"));
            }
            sleep(Duration.ofMillis(500));
        }
        return 0;
    }

    private synchronized int died(String reason) {
        if (closing) {
            return 0;
        }
        err.println("omnirouter: " + reason);
        close();
        return 1;
    }

    private void await(String what, ChildProcess process, Path logFile, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.ready()) {
            if (closing) {
                throw stopping();
            }
            if (process != null && !process.isAlive()) {
                throw new StackException(what + " exited with code " + process.exitValue() + " while starting. Last lines of "
                        + logFile + ":" + System.lineSeparator() + process.lastLines(25));
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(what + " was not healthy after " + timeout.toSeconds() + " s; see " + logFile);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Registers a started part for stopping; stops it at once if the stack is already being stopped. */
    private synchronized ChildProcess register(ChildProcess child) {
        if (closed) {
            child.stop(SERVICE_GRACE);
            throw stopping();
        }
        pidFiles.write(child);
        children.add(child);
        return child;
    }

    private synchronized PostgresServer register(PostgresServer server) {
        if (closed) {
            closeQuietly(server);
            throw stopping();
        }
        return server;
    }

    /** Stops everything that was started, in order; idempotent, callable from any thread. */
    @Override
    public void close() {
        closing = true;
        stopAll();
    }

    private synchronized void stopAll() {
        if (closed) {
            return;
        }
        closed = true;
        boolean started = simulator != null || !children.isEmpty() || postgres != null;
        if (started) {
            out.println("Stopping Omnirouter");
        }
        if (simulator != null) {
            simulator.close();
        }
        probes.close();
        stopInParallel(child(HISTORY), child(ROUTER));
        stop(child(REGISTRY), REGISTRY_GRACE);
        stop(child(KafkaBroker.NAME), KAFKA_GRACE);
        if (postgres != null) {
            closeQuietly(postgres);
            out.println("  PostgreSQL stopped");
        }
        if (started) {
            out.println("Omnirouter stopped.");
        }
    }

    private void stopInParallel(ChildProcess... services) {
        List<Thread> stoppers = Stream.of(services).filter(Objects::nonNull)
                .map(service -> new Thread(() -> stop(service, SERVICE_GRACE), "stop-" + service.name()))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stop(ChildProcess child, Duration grace) {
        if (child == null) {
            return;
        }
        child.stop(grace);
        pidFiles.delete(child.name());
        out.println("  " + child.name() + " stopped");
    }

    private ChildProcess child(String name) {
        return children.stream().filter(child -> child.name().equals(name)).findFirst().orElse(null);
    }

    private Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(LocalPorts.KAFKA, "Kafka");
        ports.put(LocalPorts.KAFKA_CONTROLLER, "Kafka controller");
        ports.put(LocalPorts.REGISTRY, "schema registry");
        ports.put(LocalPorts.POSTGRES, "PostgreSQL");
        if (settings.runs(OptionalPart.HISTORY)) {
            ports.put(LocalPorts.HISTORY, HISTORY);
        }
        if (settings.runs(OptionalPart.ROUTER)) {
            ports.put(LocalPorts.ROUTER_MANAGEMENT, ROUTER);
        }
        return ports;
    }

    private Path postgresDir() {
        return settings.dataDir().resolve("postgres");
    }

    private void report(String part, String where) {
        out.printf(Locale.ROOT, "  %-24s ready   %-40s %5.1f s%n", part, where, elapsed().toMillis() / 1000.0);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - launchedAt);
    }

    private static StackException stopping() {
        return new StackException("Stopped while starting.");
    }

    private static void closeQuietly(PostgresServer server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Stopping PostgreSQL failed", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping();
        }
    }
}
