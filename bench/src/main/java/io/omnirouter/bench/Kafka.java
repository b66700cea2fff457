package io.omnirouter.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Offsets, consumer lag and reading back what a phase produced, on the stack's broker. */
final class Kafka implements AutoCloseable {

    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final Admin admin;

    Kafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "omnirouter-bench-admin"));
    }

    List<TopicPartition> partitions(Collection<String> topics) {
        Map<String, TopicDescription> descriptions = describe(topics);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        return partitions;
    }

    /**
     * A topic just created (by createTopic, or by the router at start-up) can be unknown to the broker for a moment: the
     * controller has it, the broker's metadata not yet (seen on a loaded machine). Asks again for up to 30 s.
     */
    private Map<String, TopicDescription> describe(Collection<String> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return get(admin.describeTopics(topics).allTopicNames());
            } catch (BenchException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LocalStackProcess.sleep(Duration.ofMillis(200));
            }
        }
    }

    /** A topic with the brokers' default replication factor (3 on a three-broker stack, as the services' topics). */
    void createTopic(String topic, int partitions) {
        try {
            get(admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all());
        } catch (BenchException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** High watermarks (what is written, committed or not; transaction markers included). */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(request).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    /**
     * Records {@code group} has still to consume: committed records between its committed offsets and the end
     * of each partition. The end offset alone overstates it — transaction markers (commit or abort) and
     * aborted records take offsets too — so the tail is read with a read_committed consumer.
     */
    long lag(String group, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = endOffsets(partitions);
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, Long> from = new HashMap<>();
        long rough = 0;
        for (TopicPartition tp : partitions) {
            long start = committed.getOrDefault(tp, 0L);
            if (ends.get(tp) > start) {
                from.put(tp, start);
                rough += ends.get(tp) - start;
            }
        }
        if (from.isEmpty()) {
            return 0;
        }
        if (rough > 5_000) {
            return rough;
        }
        KafkaConsumer<byte[], byte[]> probe = probe();
        probe.assign(from.keySet());
        from.forEach(probe::seek);
        long records = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<TopicPartition> pending = new ArrayList<>(from.keySet());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(100))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records++;
                }
            }
            pending.removeIf(tp -> probe.position(tp) >= ends.get(tp));
        }
        return pending.isEmpty() ? records : Math.max(records, 1);
    }

    private KafkaConsumer<byte[], byte[]> probe;

    private KafkaConsumer<byte[], byte[]> probe() {
        if (probe == null) {
            Properties config = readerConfig();
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "omnirouter-bench-lag");
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
            probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        return probe;
    }

    /**
     * Waits until {@code group} has consumed everything in {@code partitions}. Gives up
     * when the group makes no progress for {@code stuck}.
     */
    void awaitDrained(String group, List<TopicPartition> partitions, Duration stuck, Runnable stillRunning, String whereToLook) {
        long deadline = System.nanoTime() + stuck.toNanos();
        long best = Long.MAX_VALUE;
        long lag;
        while ((lag = lag(group, partitions)) > 0) {
            stillRunning.run();
            if (lag < best) {
                best = lag;
                deadline = System.nanoTime() + stuck.toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("Consumer group " + group + " made no progress for " + stuck.toSeconds() + " s with "
                        + lag + " records left to consume; see " + whereToLook);
            }
            LocalStackProcess.sleep(Duration.ofMillis(100));
        }
    }

    /** What a phase wrote: records, first and last record timestamp (producer CreateTime). */
    record Written(long records, long firstTimestamp, long lastTimestamp) {

        double perSecond() {
            long span = lastTimestamp - firstTimestamp;
            return span <= 0 ? 0 : records * 1000.0 / span;
        }

        double seconds() {
            return (lastTimestamp - firstTimestamp) / 1000.0;
        }
    }

    /** Reads the committed records between {@code from} and the current end of each partition. */
    Written read(Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> to = endOffsets(from.keySet());
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> pending = new ArrayList<>();
            from.forEach((tp, offset) -> {
                if (to.get(tp) > offset) {
                    pending.add(tp);
                }
            });
            consumer.assign(pending);
            pending.forEach(tp -> consumer.seek(tp, from.get(tp)));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!pending.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= to.get(tp)) {
                        continue;
                    }
                    count++;
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                    each.accept(record);
                }
                pending.removeIf(tp -> consumer.position(tp) >= to.get(tp));
                consumer.assign(pending);
                if (System.nanoTime() > deadline) {
                    throw new BenchException("Could not read back " + pending + " within 5 min");
                }
            }
        }
        return new Written(count, count == 0 ? 0 : first, count == 0 ? 0 : last);
    }

    private Properties readerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "omnirouter-bench-reader");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return config;
    }

    static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BenchException("Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchException("Kafka did not answer within " + API_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }
}
