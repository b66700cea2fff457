package io.omnirouter.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;

/**
 * Raw-bytes access to topics of the test broker: send exactly the bytes a test built, and wait for records
 * to appear, reading from the beginning with {@code read_committed} (as every Omnirouter consumer does).
 * Tests share topics, so they wait for records that match something unique to the test (an event id).
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    private TopicProbe(List<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic, Duration.ofSeconds(5)).isEmpty());
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads the given topics from their beginning. Topics must exist (or be auto-created) within 30 s. */
    public static TopicProbe reading(String... topics) {
        return new TopicProbe(List.of(topics));
    }

    /** Waits until {@code count} records matching {@code match} have been read, and returns them. */
    public List<ConsumerRecord<byte[], byte[]>> awaitMatching(Predicate<ConsumerRecord<byte[], byte[]>> match, int count,
                                                      Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(POLL).forEach(seen::add);
            found.clear();
            seen.stream().filter(match).forEach(found::add);
            return found.size() >= count;
        });
        return List.copyOf(found);
    }

    /** Waits for one record matching {@code match}. */
    public ConsumerRecord<byte[], byte[]> awaitOne(Predicate<ConsumerRecord<byte[], byte[]>> match, Duration timeout) {
        return awaitMatching(match, 1, timeout).get(0);
    }

    /** Reads what has arrived since the last poll (waiting at most one short poll) and returns every record read so far. */
    public List<ConsumerRecord<byte[], byte[]>> poll() {
        consumer.poll(POLL).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** Every record read so far that matches. */
    public List<ConsumerRecord<byte[], byte[]>> seen(Predicate<ConsumerRecord<byte[], byte[]>> match) {
        return seen.stream().filter(match).toList();
    }

    /** A header's value as UTF-8 text (the last one of that name), or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Sends raw bytes and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, byte[] value) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e.getCause());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
