package io.omnirouter.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real engines integration tests run against, without Docker: a KRaft Kafka broker (in-process),
 * the project's Apicurio schema registry (child process, Confluent API) and PostgreSQL 17 (embedded).
 *
 * <p>The first call to any method starts all three in parallel, once per JVM; they stop when the JVM
 * exits. If starting fails, every later call fails fast with the same cause. Annotate IT classes with
 * {@link WithRealInfrastructure} to also empty the database before each test. In Spring tests, feed
 * the addresses in through {@code @DynamicPropertySource}, e.g.
 * {@code registry.add("spring.kafka.bootstrap-servers", RealInfrastructure::kafkaBootstrapServers)}.
 *
 * <ul>
 *   <li>Kafka: one combined broker/controller, every replication factor and min ISR 1 (transaction
 *       state log included, so transactional producers and {@code read_committed} consumers work),
 *       production metadata version, topic auto-creation on, no initial rebalance delay.</li>
 *   <li>Registry: {@code registry/target/*-runner.jar}, found by walking up from the working directory
 *       or given by the system property {@code omnirouter.registry.jar}; build it with
 *       {@code ./mvnw -pl registry package}. Its log goes to {@code target/test-registry-<port>.log}.
 *       In-memory storage: subjects survive between tests of one JVM.</li>
 *   <li>PostgreSQL: database and user {@code postgres}, {@code synchronous_commit=on} as in production.</li>
 * </ul>
 */
public final class RealInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(RealInfrastructure.class);

    /** Guarded by the class lock; set once. */
    private static Engines engines;
    private static RuntimeException startFailure;

    private RealInfrastructure() {
    }

    /** {@code host:port} of the Kafka broker. */
    public static String kafkaBootstrapServers() {
        return engines().kafka.bootstrapServers();
    }

    /** Base URL of the registry's Confluent-compatible API, e.g. {@code http://localhost:PORT/apis/ccompat/v7}. */
    public static String registryUrl() {
        return engines().registry.confluentApiUrl();
    }

    public static String jdbcUrl() {
        return engines().postgres.jdbcUrl();
    }

    public static String dbUser() {
        return engines().postgres.user();
    }

    public static String dbPassword() {
        return engines().postgres.password();
    }

    /** A non-pooling data source (one connection per {@code getConnection()}) for test setup and assertions. */
    public static DataSource dataSource() {
        return engines().postgres.dataSource();
    }

    /** Creates the topics with replication factor 1; topics that already exist are left as they are. */
    public static void createTopics(int partitions, String... names) {
        engines().kafka.createTopics(partitions, names);
    }

    /**
     * Empties every table of schema {@code public} except {@code flyway_schema_history}
     * ({@code TRUNCATE … RESTART IDENTITY CASCADE}), so migrations stay applied and sequences restart.
     */
    public static void cleanDatabase() {
        engines().postgres.truncateAllTables();
    }

    /** Starts the engines if this JVM has not yet done so. */
    static void start() {
        engines();
    }

    private static synchronized Engines engines() {
        if (startFailure != null) {
            throw new IllegalStateException("Test infrastructure failed to start earlier in this JVM", startFailure);
        }
        if (engines == null) {
            try {
                engines = Engines.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return engines;
    }

    private record Engines(KafkaEngine kafka, RegistryEngine registry, PostgresEngine postgres) {

        static Engines start() {
            long started = System.nanoTime();
            Path registryJar = RegistryEngine.locateJar(); // before starting anything: a missing build fails fast
            ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
                Thread thread = new Thread(runnable, "omnirouter-test-infra-start");
                thread.setDaemon(true);
                return thread;
            });
            try {
                var kafka = CompletableFuture.supplyAsync(timed(KafkaEngine::start), starter);
                var registry = CompletableFuture.supplyAsync(timed(() -> RegistryEngine.start(registryJar)), starter);
                var postgres = CompletableFuture.supplyAsync(timed(PostgresEngine::start), starter);
                List<CompletableFuture<? extends Timed<? extends AutoCloseable>>> all = List.of(kafka, registry, postgres);
                // Registered before waiting, so that engines already up are stopped even if another fails.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(all), "omnirouter-test-infra-stop"));
                awaitAll(all);
                log.info("Test infrastructure ready in {} ms: Kafka {} ({} ms), registry {} ({} ms), PostgreSQL {} ({} ms)",
                        millisSince(started),
                        kafka.join().engine().bootstrapServers(), kafka.join().millis(),
                        registry.join().engine().confluentApiUrl(), registry.join().millis(),
                        postgres.join().engine().jdbcUrl(), postgres.join().millis());
                return new Engines(kafka.join().engine(), registry.join().engine(), postgres.join().engine());
            } finally {
                starter.shutdown();
            }
        }

        /** Waits for every engine (not just the first failure) and reports all failures together. */
        private static void awaitAll(List<? extends CompletableFuture<?>> futures) {
            RuntimeException failure = null;
            for (CompletableFuture<?> future : futures) {
                try {
                    future.join();
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private record Timed<T>(T engine, long millis) {
    }

    private static <T> Supplier<Timed<T>> timed(Supplier<T> start) {
        return () -> {
            long started = System.nanoTime();
            T engine = start.get();
            return new Timed<>(engine, millisSince(started));
        };
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /** In parallel: stopping one after the other adds seconds to every test JVM's exit. */
    private static void stopAll(List<CompletableFuture<? extends Timed<? extends AutoCloseable>>> engines) {
        List<Thread> stoppers = engines.stream()
                .map(engine -> new Thread(() -> stop(engine), "omnirouter-test-infra-stop"))
                .toList();
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stop(CompletableFuture<? extends Timed<? extends AutoCloseable>> engine) {
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            try {
                engine.join().engine().close();
            } catch (Exception e) {
                log.warn("Stopping a test engine failed", e);
            }
        }
    }
}
