package io.omnirouter.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a workload as channel adapters do — an idempotent producer, {@code acks=all}, the Confluent wire format
 * — at a steady pace, and records what the brokers acknowledged: the checks hold the system to exactly the
 * acknowledged events. A send that fails (its delivery time-out passed while the brokers were away, or the
 * registry could not be reached for a schema) is sent again later, as an adapter retries; so an event may be in
 * Kafka without an acknowledgement, which the checks allow, but never twice in the history.
 */
final class Publisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Producer<String, SpecificRecord> producer;
    /** First send of each event, wall-clock milliseconds: where its freshness is measured from. */
    private final Map<String, Long> firstSentAt = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Workload.Planned> retries = new LinkedBlockingQueue<>();
    private final AtomicLong acknowledgements = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();

    Publisher(String bootstrapServers, String registryUrl) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "omnirouter-fault-workload",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // Ride out every outage of the schedule (all brokers down for 30 s, a leader lost) instead of failing.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(5).toMillis());
        this.producer = new KafkaProducer<>(config, new StringSerializer(),
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(registryUrl), true));
    }

    /**
     * Sends every planned event, {@code eventsPerSecond} at most (0: as fast as the producer takes them), then the
     * failed ones again until each was acknowledged once or {@code retryFor} has passed.
     */
    void publish(Workload workload, double eventsPerSecond, Duration retryFor) {
        long period = eventsPerSecond <= 0 ? 0 : Math.round(1e9 / eventsPerSecond);
        long next = System.nanoTime();
        for (Workload.Planned planned : workload.events()) {
            if (period > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                next += period;
            }
            send(planned);
            resendFailed();
        }
        producer.flush();
        long deadline = System.nanoTime() + retryFor.toNanos();
        while (!retries.isEmpty() && System.nanoTime() < deadline) {
            resendFailed();
            producer.flush();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }

    private void resendFailed() {
        Workload.Planned failed;
        while ((failed = retries.poll()) != null) {
            if (!acknowledged.contains(failed.sourceKey())) {
                send(failed);
            }
        }
    }

    private void send(Workload.Planned planned) {
        String key = planned.sourceKey();
        firstSentAt.putIfAbsent(key, System.currentTimeMillis());
        try {
            producer.send(new ProducerRecord<>(planned.event().topic().topic(), planned.event().key(), planned.event().value()),
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(key);
                            acknowledgements.incrementAndGet();
                        } else {
                            failed(planned, error);
                        }
                    });
        } catch (RuntimeException e) {
            failed(planned, e);
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }

    private void failed(Workload.Planned planned, Exception error) {
        long failures = failedSends.incrementAndGet();
        if (failures == 1 || failures % 100 == 0) {
            log.warn("A workload send failed ({} so far), it will be sent again: {}", failures, error.toString());
        }
        retries.add(planned);
    }

    /** Events (channel topic/event id) of which at least one send was acknowledged. */
    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    Map<String, Long> firstSentAt() {
        return Map.copyOf(firstSentAt);
    }

    long acknowledgements() {
        return acknowledgements.get();
    }

    long failedSends() {
        return failedSends.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
