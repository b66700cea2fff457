package io.omnirouter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays {@link CustomerJourneys} into the channel topics at a fixed rate, as the channel adapters would
 * (Avro, Confluent wire format, schemas registered on first use), until closed. Event times are the
 * wall-clock time of publishing. A simulator that falls behind (broker unreachable, registry slow) skips
 * the missed slots instead of bursting to catch up.
 */
public final class TrafficSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final long MAX_LAG_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param eventsPerSecond publishing rate
     * @param customers       size of the synthetic population
     * @param seed            decides the population and their journeys; a new seed gives new event ids
     */
    public record Settings(double eventsPerSecond, int customers, long seed) {

        /** Gentle: a few events per second keep a laptop idle and the console readable. */
        public static final double DEFAULT_EVENTS_PER_SECOND = 5;
        public static final int DEFAULT_CUSTOMERS = 200;

        public Settings {
            if (!(eventsPerSecond > 0 && eventsPerSecond <= 1_000_000)) {
                throw new IllegalArgumentException("events per second must be in (0, 1000000], was " + eventsPerSecond);
            }
            if (customers < 1) {
                throw new IllegalArgumentException("customers must be at least 1, was " + customers);
            }
        }

        public static Settings defaults(long seed) {
            return new Settings(DEFAULT_EVENTS_PER_SECOND, DEFAULT_CUSTOMERS, seed);
        }
    }

    private final Producer<String, SpecificRecord> producer;
    private final Settings settings;
    private final Iterator<ChannelEvent> events;
    private final Thread thread;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    /** With a producer of the caller's (or a MockProducer in tests); the simulator closes it. */
    public TrafficSimulator(Producer<String, SpecificRecord> producer, Settings settings) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.events = CustomerJourneys.events(settings.seed(), settings.customers(), Instant::now);
        this.thread = new Thread(this::run, "traffic-simulator");
        this.thread.setDaemon(true);
    }

    /** A simulator with its own idempotent producer and the project's Confluent-wire-format serializer. */
    public static TrafficSimulator connect(String bootstrapServers, String schemaRegistryUrl, Settings settings) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "omnirouter-simulator",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // A send that cannot get metadata gives up quickly; the next slot tries again.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return new TrafficSimulator(new KafkaProducer<>(config, new StringSerializer(),
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(schemaRegistryUrl), true)), settings);
    }

    public void start() {
        log.info("Traffic simulator: {} events/s, {} customers, seed {}", settings.eventsPerSecond(), settings.customers(),
                settings.seed());
        thread.start();
    }

    /** Events the broker acknowledged so far. */
    public long published() {
        return acknowledged.get();
    }

    /** Events that could not be published (and are not retried: the next slot plays the next event). */
    public long failed() {
        return failed.get();
    }

    private void run() {
        long period = Math.max(1, Math.round(1e9 / settings.eventsPerSecond()));
        long next = System.nanoTime();
        while (running) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            if (now - next > MAX_LAG_NANOS) {
                log.info("Traffic simulator is {} ms behind its schedule; skipping the missed events",
                        TimeUnit.NANOSECONDS.toMillis(now - next));
                next = now;
            }
            if (!publish(events.next())) {
                return;
            }
            next += period;
        }
    }

    /** @return false when the thread was interrupted: the simulator is closing */
    private boolean publish(ChannelEvent event) {
        String topic = event.topic().topic();
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), event.value()), (metadata, error) -> {
                if (error == null) {
                    acknowledged.incrementAndGet();
                } else {
                    onFailure(topic, error);
                }
            });
            return true;
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            // Registry or broker unreachable, buffer full: lose this slot, keep the rhythm.
            onFailure(topic, e);
            return true;
        }
    }

    private void onFailure(String topic, Exception error) {
        long failures = failed.incrementAndGet();
        if (failures == 1 || failures % 100 == 0) {
            log.warn("Traffic simulator could not publish to {} ({} failed so far): {}", topic, failures, error.toString());
        }
    }

    /** Stops publishing and waits (briefly) for what was sent to be acknowledged. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_TIMEOUT);
        log.info("Traffic simulator stopped: {} events published, {} failed", acknowledged.get(), failed.get());
    }
}
