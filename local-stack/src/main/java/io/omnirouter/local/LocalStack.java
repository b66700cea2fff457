package io.omnirouter.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.omnirouter.processes.SharedClassArchive;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.simulator.TrafficSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as processes on one machine, in the shape the settings ask for (one broker and one instance
 * of each service for {@code ./omnirouter up}; a three-broker cluster and two instances of each service for the
 * fault harness). Starts in dependency order — the registry, the Kafka brokers and PostgreSQL side by side, then
 * the routers, then the history services, then the simulator — waits until each part is healthy, and stops
 * everything in reverse. Safe to close from a shutdown hook while starting.
 *
 * <p>Besides {@link #run()} (what {@code up} does: start, then stop everything when any part dies), every part
 * can be killed, paused, stopped and started again by its name ({@link #brokers()}, {@link #routers()},
 * {@link #histories()}, {@link #REGISTRY}) and PostgreSQL can be crashed and restarted: this is how the
 * benchmark and the fault harness drive the same stack that {@code up} runs.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    public static final String REGISTRY = "registry";
    public static final String ROUTER = "router-service";
    public static final String HISTORY = "contact-history-service";

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(120);
    /** Generous: on two cores the Spring Boot services start while the other JVMs are still warming up. */
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(300);
    /**
     * A service stops in a few seconds, but the first stop after a build also writes its class-data-sharing archive
     * (100 MB for the history service), which on two busy cores took more than 15 s: killed then, it writes none.
     */
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(60);
    private static final Duration REGISTRY_GRACE = Duration.ofSeconds(15);
    private static final Duration KAFKA_GRACE = Duration.ofSeconds(30);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(30);
    /** A launcher stops every part in order: the services, the registry, the brokers, PostgreSQL. */
    private static final Duration LAUNCHER_GRACE = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    @FunctionalInterface
    private interface Probe {
        boolean ready();
    }

    /** A part of the stack: how to start it, how to tell it is healthy, and the process it runs as now. */
    private static final class Part {
        final String name;
        final Supplier<ChildProcess> starter;
        final Probe health;
        final Duration grace;
        volatile ChildProcess process;

        Part(String name, Supplier<ChildProcess> starter, Probe health, Duration grace) {
            this.name = name;
            this.starter = starter;
            this.health = health;
            this.grace = grace;
        }
    }

    private final StackSettings settings;
    private final StackShape shape;
    private final StackPorts ports;
    private final StackLayout layout;
    private final PrintStream out;
    private final PrintStream err;
    private final Jvm jvm;
    private final PidFiles pidFiles;
    private final SharedClassArchive routerClasses;
    private final SharedClassArchive historyClasses;
    private final HealthProbes probes;
    private final long launchedAt = System.nanoTime();
    /** Every part in start order; absent services (--without) are not declared. */
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<String> brokers;
    private final List<String> routers;
    private final List<String> histories;

    private volatile boolean closing;
    private boolean closed;
    /** Held for the launcher's lifetime: one launcher per data directory. */
    private LauncherLock lock;
    private volatile PostgresServer postgres;
    private TrafficSimulator simulator;

    public LocalStack(StackSettings settings, StackLayout layout, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.shape = settings.shape();
        this.ports = settings.ports();
        this.layout = layout;
        this.out = out;
        this.err = err;
        this.jvm = new Jvm(settings.dataDir());
        this.pidFiles = new PidFiles(settings.runDir(), jvm);
        this.routerClasses = layout.routerJar() == null ? null : new SharedClassArchive(layout.routerJar(), jvm.java());
        this.historyClasses = layout.historyJar() == null ? null : new SharedClassArchive(layout.historyJar(), jvm.java());
        this.probes = new HealthProbes(settings.bootstrapServers());
        declare(REGISTRY, this::startRegistry, () -> probes.ok("http://localhost:" + ports.registry() + "/health/ready"),
                REGISTRY_GRACE);
        this.brokers = IntStream.rangeClosed(1, shape.brokers()).mapToObj(node -> {
            KafkaBroker broker = new KafkaBroker(node, shape, ports, settings.dataDir(), layout.kafkaLib(), jvm,
                    settings.logFile(shape.brokerName(node)));
            return declare(shape.brokerName(node), broker::start, () -> probes.kafkaReady(shape.brokers()), KAFKA_GRACE);
        }).toList();
        this.routers = settings.runs(OptionalPart.ROUTER) ? instances(ROUTER, this::startRouter,
                instance -> "http://localhost:" + ports.routerManagement(instance) + "/actuator/health") : List.of();
        this.histories = settings.runs(OptionalPart.HISTORY) ? instances(HISTORY, this::startHistory,
                instance -> "http://localhost:" + ports.history(instance) + "/actuator/health") : List.of();
    }

    private List<String> instances(String service, IntFunction<ChildProcess> starter,
                                   IntFunction<String> healthUrl) {
        return IntStream.rangeClosed(1, shape.instances()).mapToObj(instance -> declare(shape.instanceName(service, instance),
                () -> starter.apply(instance), () -> probes.up(healthUrl.apply(instance)), SERVICE_GRACE)).toList();
    }

    private String declare(String name, Supplier<ChildProcess> starter, Probe health, Duration grace) {
        parts.put(name, new Part(name, starter, health, grace));
        return name;
    }

    /** Starts everything, prints where it is, and runs until closed (0) or until a part dies (1). */
    public int run() {
        start();
        Banner.print(out, settings, elapsed());
        return watch();
    }

    /** Starts every part and waits until each is healthy. */
    public void start() {
        lock = LauncherLock.acquire(settings.runDir());
        stopLeftovers(settings, out);
        PortCheck.ensureFree(portsInUse());

        out.println("Starting Omnirouter (data in " + settings.dataDir() + ")" + (shape.equals(StackShape.LAPTOP) ? ""
                : ": " + shape.brokers() + " Kafka brokers, " + shape.instances() + " instances of each service"));
        launch(REGISTRY);
        brokers.forEach(this::launch);
        startPostgres();
        await("PostgreSQL", null, settings.logFile("postgres"), INFRASTRUCTURE_TIMEOUT, () -> postgres.healthy());
        report("PostgreSQL 17", "localhost:" + ports.postgres());
        for (String broker : brokers) {
            awaitHealthy(broker, INFRASTRUCTURE_TIMEOUT);
        }
        report(brokers.size() == 1 ? "Kafka" : "Kafka (" + brokers.size() + " brokers)", settings.bootstrapServers());
        awaitHealthy(REGISTRY, INFRASTRUCTURE_TIMEOUT);
        report("Schema registry", ports.registryUrl());

        routers.forEach(this::launch);
        if (!routers.isEmpty() && !histories.isEmpty()) {
            // The router creates contact.events (retention: forever). Started earlier, the history service's consumer
            // could have the broker auto-create it first, with the default retention of a week.
            String contactEvents = ContractTopic.CONTACT_EVENTS.topic();
            Part first = parts.get(routers.get(0));
            await(first.name + " creating " + contactEvents, first.process, first.process.logFile(), SERVICE_TIMEOUT,
                    () -> probes.topicExists(contactEvents));
        }
        histories.forEach(this::launch);
        for (String router : routers) {
            awaitHealthy(router, SERVICE_TIMEOUT);
            report(router, "management on :" + ports.routerManagement(routers.indexOf(router) + 1));
        }
        for (String history : histories) {
            awaitHealthy(history, SERVICE_TIMEOUT);
            report(history, historyUrl(histories.indexOf(history) + 1));
        }
        if (settings.runs(OptionalPart.SIMULATOR)) {
            startSimulator();
        }
    }

    /**
     * Stops what a launcher killed hard left running in the settings' data directory (its pid files say what), so
     * that the directory can be wiped or reused.
     */
    public static void stopLeftovers(StackSettings settings, PrintStream out) {
        stopLeftovers(settings.dataDir(), out);
    }

    /**
     * Stops what runs in {@code dataDir} without a launcher to stop it: a launcher whose own parent is gone (it then
     * stops its children), else the children and PostgreSQL a launcher killed hard left behind.
     */
    public static void stopLeftovers(Path dataDir, PrintStream out) {
        PidFiles pidFiles = new PidFiles(dataDir.resolve(StackSettings.RUN_DIR), new Jvm(dataDir));
        pidFiles.stopLauncher(LAUNCHER_GRACE, out::println);
        pidFiles.stopLeftovers(LEFTOVER_GRACE, out::println);
        PostgresServer.stopLeftover(dataDir.resolve("postgres"), LEFTOVER_GRACE, out::println);
    }

    /** Stops the leftovers of the settings' data directory, then deletes it: the next start is a fresh system. */
    public static void wipe(StackSettings settings, PrintStream out) {
        stopLeftovers(settings, out);
        deleteDataDirectory(settings.dataDir());
    }

    /** Deletes a data directory whose processes are stopped. */
    public static void deleteDataDirectory(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StackException("Could not delete " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public List<String> brokers() {
        return brokers;
    }

    public List<String> routers() {
        return routers;
    }

    public List<String> histories() {
        return histories;
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public String registryUrl() {
        return ports.registryUrl();
    }

    /** The application database, user and password {@link #DATABASE_USER} / {@link #DATABASE_PASSWORD}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + ports.postgres() + "/" + PostgresServer.DATABASE;
    }

    public static final String DATABASE_USER = PostgresServer.USER;
    public static final String DATABASE_PASSWORD = PostgresServer.PASSWORD;

    /** The API and console of history instance {@code instance} (1-based). */
    public String historyUrl(int instance) {
        return "http://localhost:" + ports.history(instance);
    }

    public String localPassword() {
        return settings.localPassword();
    }

    public Path logFile(String part) {
        return settings.logFile(part);
    }

    /** The end of a part's log, read from its end (logs of a long run are large), for reports about a part that failed. */
    public String lastLines(String part, int lines) {
        ChildProcess process = part(part).process;
        return process == null ? "" : process.lastLines(lines);
    }

    /** The process id of a running part. */
    public long pid(String part) {
        ChildProcess process = part(part).process;
        if (process == null || !process.isAlive()) {
            throw new StackException(part + " is not running");
        }
        return process.pid();
    }

    public boolean isRunning(String part) {
        ChildProcess process = part(part).process;
        return process != null && process.isAlive();
    }

    /** Whether the part answers its health check (a broker: the whole cluster answers). */
    public boolean healthy(String part) {
        return isRunning(part) && part(part).health.ready();
    }

    /** {@code kill -9} of a part: no shutdown hook, no goodbye to the broker or the database. */
    public void kill(String part) {
        ChildProcess process = part(part).process;
        if (process != null) {
            process.kill();
            log.info("{} (pid {}) killed", part, process.pid());
        }
    }

    /** A clean stop (SIGTERM, SIGKILL after a grace period), as a deploy or a scale-down does it. */
    public void stop(String part) {
        Part stopping = part(part);
        if (stopping.process != null) {
            stopping.process.stop(stopping.grace);
        }
    }

    /** SIGSTOP: the process is frozen (no heartbeats, no transaction progress) until {@link #resume}. */
    public void pause(String part) {
        part(part).process.signal("STOP");
    }

    /** SIGCONT: a paused process goes on where it was, unaware of the time that passed. */
    public void resume(String part) {
        part(part).process.signal("CONT");
    }

    /** Starts a part that was killed or stopped, with its data as it left it; returns once the process runs. */
    public void restart(String part) {
        if (isRunning(part)) {
            throw new StackException(part + " is still running");
        }
        launch(part);
    }

    /** Waits until the part is healthy; fails if it dies or takes longer than {@code timeout}. */
    public void awaitHealthy(String part, Duration timeout) {
        Part waiting = part(part);
        await(part, waiting.process, settings.logFile(part), timeout, waiting.health);
    }

    /** An immediate shutdown of PostgreSQL, as in a crash or a lost machine; {@link #startPostgres} brings it back. */
    public synchronized void crashPostgres() {
        try {
            postgres.crash();
        } catch (IOException e) {
            throw new StackException("Crashing PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** Starts PostgreSQL on its data directory (crash recovery first, if it was crashed); returns once it runs. */
    public synchronized void startPostgres() {
        postgres = register(PostgresServer.start(postgresDir(), ports.postgres(), settings.logFile("postgres")));
    }

    public boolean postgresRunning() {
        PostgresServer server = postgres;
        return server != null && server.isAlive();
    }

    private void launch(String name) {
        Part part = part(name);
        ChildProcess process = part.starter.get();
        synchronized (this) {
            if (closed) {
                process.stop(part.grace);
                throw stopping();
            }
            pidFiles.write(process);
            part.process = process;
        }
    }

    private Part part(String name) {
        Part part = parts.get(name);
        if (part == null) {
            throw new StackException("No part " + name + " in this stack; there are " + String.join(", ", parts.keySet()));
        }
        return part;
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
                "-Dquarkus.http.port=" + ports.registry(),
                "-jar", layout.registryJar().toString())), env, settings.dataDir().resolve("registry"), settings.logFile(REGISTRY));
    }

    private ChildProcess startRouter(int instance) {
        Map<String, String> env = new HashMap<>(PersonalDataSecrets.environment(settings.dataDir()));
        env.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", ports.registryUrl(),
                "ROUTER_MANAGEMENT_PORT", Integer.toString(ports.routerManagement(instance)),
                "DEFAULT_PHONE_REGION", "SI",
                // A stable id keeps the transactional ids stable: a restarted router fences its killed predecessor at
                // once instead of leaving read_committed consumers waiting for the old transaction to time out.
                "ROUTER_INSTANCE_ID", "local-" + instance,
                "SERVER_ADDRESS", "localhost",
                // The data keys of sealed contacts (docs/personal-data.md).
                "SPRING_DATASOURCE_URL", jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", PostgresServer.USER,
                "SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                // Off only to measure what sealing costs (./omnirouter bench --compare-sealing).
                "PERSONAL_DATA_SEALING", Boolean.toString(settings.sealing())));
        return startService(shape.instanceName(ROUTER, instance), routerClasses, ServiceSizing.ROUTER, env);
    }

    private ChildProcess startHistory(int instance) {
        Map<String, String> env = new HashMap<>(PersonalDataSecrets.environment(settings.dataDir()));
        env.putAll(Map.of(
                "SERVER_PORT", Integer.toString(ports.history(instance)),
                "OMNIROUTER_INSTANCE_ID", "local-" + instance,
                "SERVER_ADDRESS", "localhost",
                "SPRING_DATASOURCE_URL", jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", PostgresServer.USER,
                "SPRING_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", settings.bootstrapServers(),
                "SCHEMA_REGISTRY_URL", ports.registryUrl(),
                "OMNIROUTER_LOCAL_PASSWORD", settings.localPassword()));
        return startService(shape.instanceName(HISTORY, instance), historyClasses, ServiceSizing.HISTORY, env);
    }

    /**
     * With its memory and pools sized explicitly (docs/memory.md); C1 only, like the registry and the broker: faster
     * start-up on a laptop, and a local stack needs no peak throughput (the benchmark turns C2 on).
     */
    private ChildProcess startService(String name, SharedClassArchive classes, ServiceSizing sizing, Map<String, String> env) {
        SharedClassArchive.Launch launch = classes.launch(name);
        List<String> arguments = new ArrayList<>(sizing.jvmArguments());
        arguments.add("-XX:TieredStopAtLevel=1");
        arguments.addAll(launch.arguments());
        Map<String, String> environment = new HashMap<>(sizing.environment());
        environment.putAll(env);
        ChildProcess child = ChildProcess.start(name, jvm.command(arguments), environment, settings.dataDir().resolve(name),
                settings.logFile(name));
        child.onExit(exitValue -> classes.ended(launch, exitValue));
        return child;
    }

    private void startSimulator() {
        TrafficSimulator traffic = TrafficSimulator.connect(settings.bootstrapServers(), ports.registryUrl(), settings.simulator());
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
            for (Part part : parts.values()) {
                ChildProcess child = part.process;
                if (child != null && !child.isAlive()) {
                    return died(child.name() + " exited with code " + child.exitValue() + ". Last lines of " + child.logFile()
                            + ":" + System.lineSeparator() + child.lastLines(25));
                }
            }
            if (!postgresRunning()) {
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
        boolean started = simulator != null || parts.values().stream().anyMatch(part -> part.process != null) || postgres != null;
        if (started) {
            out.println("Stopping Omnirouter");
        }
        if (simulator != null) {
            simulator.close();
        }
        probes.close();
        stopInParallel(Stream.concat(histories.stream(), routers.stream()).toList());
        stopPart(REGISTRY);
        stopInParallel(brokers);
        if (postgres != null) {
            closeQuietly(postgres);
            out.println("  PostgreSQL stopped");
        }
        if (started) {
            out.println("Omnirouter stopped.");
        }
    }

    private void stopInParallel(List<String> names) {
        List<Thread> stoppers = names.stream()
                .map(name -> new Thread(() -> stopPart(name), "stop-" + name))
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

    private void stopPart(String name) {
        Part part = parts.get(name);
        ChildProcess child = part == null ? null : part.process;
        if (child == null) {
            return;
        }
        // A paused part would never see SIGTERM: let it go on first.
        if (child.isAlive()) {
            try {
                child.signal("CONT");
            } catch (StackException e) {
                log.debug("{} ended before SIGCONT", name);
            }
        }
        child.stop(part.grace);
        pidFiles.delete(child.name());
        out.println("  " + child.name() + " stopped");
    }

    private Map<Integer, String> portsInUse() {
        Map<Integer, String> inUse = new LinkedHashMap<>();
        for (int node = 1; node <= shape.brokers(); node++) {
            inUse.put(ports.kafka(node), shape.brokerName(node));
            inUse.put(ports.kafkaController(node), shape.brokerName(node) + " controller");
        }
        inUse.put(ports.registry(), "schema registry");
        inUse.put(ports.postgres(), "PostgreSQL");
        for (int instance = 1; instance <= shape.instances(); instance++) {
            if (settings.runs(OptionalPart.HISTORY)) {
                inUse.put(ports.history(instance), shape.instanceName(HISTORY, instance));
            }
            if (settings.runs(OptionalPart.ROUTER)) {
                inUse.put(ports.routerManagement(instance), shape.instanceName(ROUTER, instance));
            }
        }
        return inUse;
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
