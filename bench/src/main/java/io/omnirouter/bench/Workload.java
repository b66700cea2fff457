package io.omnirouter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.simulator.ChannelEvent;
import io.omnirouter.simulator.CustomerJourneys;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The benchmark's traffic: one endless {@link CustomerJourneys} stream over a fixed population (a seed and
 * a customer count), consumed phase after phase, so that every phase sees the same people and never repeats an
 * event id. Event times are the wall-clock time an event is generated ({@code Instant::now}): a preloaded
 * backlog is a burst of events that just happened, as in a shop sale.
 */
final class Workload implements AutoCloseable {

    static final String REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";

    private final Iterator<ChannelEvent> events;
    private final ConfluentAvroSerializer<SpecificRecord> serializer;
    private final String bootstrapServers;
    private Producer<byte[], byte[]> transactional;
    private long generated;

    Workload(long seed, int customers, String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.events = CustomerJourneys.events(seed, customers, Instant::now);
        this.serializer = new ConfluentAvroSerializer<>(new SchemaRegistryClient(REGISTRY_URL), true);
    }

    /**
     * One person's traffic on every channel (a population of one, from a seed of its own): a customer in a hurry, or a
     * shop's account that writes all day. Its event ids are random UUIDs of its own seed: they do not meet those of another.
     */
    static Workload hotCustomer(long seed, String bootstrapServers) {
        return new Workload(seed, 1, bootstrapServers);
    }

    /** The backlog producer, made when the first backlog is preloaded. */
    private Producer<byte[], byte[]> transactional() {
        if (transactional != null) {
            return transactional;
        }
        transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "omnirouter-bench-preload",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "omnirouter-bench-preload",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024,
                // A whole backlog is one transaction (see preload): give it time.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 600_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        transactional.initTransactions();
        return transactional;
    }

    ChannelEvent next() {
        generated++;
        return events.next();
    }

    long generated() {
        return generated;
    }

    ProducerRecord<byte[], byte[]> record(ChannelEvent event) {
        String topic = event.topic().topic();
        return new ProducerRecord<>(topic, event.key().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, event.value()));
    }

    /** How long generating, serializing and sending a backlog took. */
    record Preloaded(int events, double seconds) {

        double perSecond() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    /**
     * Writes the next {@code count} events to the channel topics in one Kafka transaction: the consumers
     * (read_committed, like the router) see none of them until the commit, then all at once — a backlog
     * that a warm, running router drains at saturation.
     */
    Preloaded preload(int count) {
        long start = System.nanoTime();
        Producer<byte[], byte[]> producer = transactional();
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            producer.send(record(next()));
        }
        producer.commitTransaction();
        return new Preloaded(count, (System.nanoTime() - start) / 1e9);
    }

    /**
     * A producer for live traffic, non-transactional and with the client's defaults, as an adapter publishes: Kafka 4's
     * producer lingers 5 ms (KIP-1030) so that a steady trickle reaches the broker in batches, not one request per event;
     * the events' freshness counts that wait.
     */
    Producer<byte[], byte[]> liveProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "omnirouter-bench-live",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The identifier an agent would look the customer up by: lookup parameter name and raw value. */
    static Optional<Map.Entry<String, String>> lookupKey(ChannelEvent event) {
        CustomerRef ref = event.customer();
        if (ref.getEmail() != null && !ref.getEmail().isBlank()) {
            return Optional.of(Map.entry("email", ref.getEmail()));
        }
        if (ref.getShopCustomerId() != null && !ref.getShopCustomerId().isBlank()) {
            return Optional.of(Map.entry("shopCustomerId", ref.getShopCustomerId()));
        }
        if (ref.getPhone() != null && !ref.getPhone().isBlank()) {
            return Optional.of(Map.entry("phone", ref.getPhone()));
        }
        if (ref.getChatVisitorId() != null && !ref.getChatVisitorId().isBlank()) {
            return Optional.of(Map.entry("chatVisitorId", ref.getChatVisitorId()));
        }
        // A Messenger or Instagram customer often has nothing but the handle (the identifier SOCIAL_HANDLE).
        if (event.value() instanceof SocialMessageEvent social && !social.getCustomerHandle().isBlank()) {
            return Optional.of(Map.entry("socialHandle",
                    social.getPlatform().name().toLowerCase(Locale.ROOT) + ":" + social.getCustomerHandle()));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (transactional != null) {
            transactional.close(java.time.Duration.ofSeconds(5));
        }
    }
}
