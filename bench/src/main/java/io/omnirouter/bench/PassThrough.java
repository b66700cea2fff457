package io.omnirouter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka limit the router is compared with: consume the channel records and produce them unchanged to a
 * scratch topic, read-process-write exactly-once as the router does it — read_committed, one transaction per
 * poll of up to 500 records with the consumed offsets sent to the transaction, the router's producer
 * settings (acks=all, idempotent, linger.ms=5), as many consumer/producer pairs as the router has listener
 * threads. Partitions are split between the threads as the router's range assignment splits them (assigned,
 * not subscribed, so that no rebalance pauses a measurement).
 */
final class PassThrough {

    static final String GROUP = "omnirouter-bench-passthrough";
    static final String TOPIC = "bench.passthrough";
    /** The router's spring.kafka.consumer.max-poll-records. */
    static final int MAX_POLL_RECORDS = 500;

    private final String bootstrapServers;
    private final int threads;
    private final List<TopicPartition> inputs;

    PassThrough(String bootstrapServers, int threads, List<TopicPartition> inputs) {
        this.bootstrapServers = bootstrapServers;
        this.threads = threads;
        this.inputs = inputs;
    }

    /** Copies everything from the group's committed position up to {@code until} (end offsets), then returns. */
    long run(Map<TopicPartition, Long> until, Duration timeout) {
        AtomicLong copied = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = 0; p < inputs.size(); p++) {
                if (p % threads == i) {
                    mine.add(inputs.get(p));
                }
            }
            int index = i;
            Thread worker = new Thread(() -> {
                try {
                    copy(index, mine, until, copied, timeout);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-passthrough-" + i);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new BenchException("The Kafka pass-through failed: " + failure.get(), failure.get());
        }
        return copied.get();
    }

    private void copy(int index, List<TopicPartition> partitions, Map<TopicPartition, Long> until, AtomicLong copied,
                      Duration timeout) {
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + index);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, GROUP + "-producer-" + index);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP + "-" + index);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            List<TopicPartition> pending = new ArrayList<>(partitions);
            consumer.assign(pending);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                pending.removeIf(tp -> consumer.position(tp) >= until.getOrDefault(tp, 0L));
                if (pending.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchException("pass-through did not finish within " + timeout.toSeconds() + " s");
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    // Timestamp null: the producer stamps the send time, as for the router's output.
                    producer.send(new ProducerRecord<>(TOPIC, null, null, record.key(), record.value(), record.headers()));
                    offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
                copied.addAndGet(records.count());
            }
        }
    }
}
