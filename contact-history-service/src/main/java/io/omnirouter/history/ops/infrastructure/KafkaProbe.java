package io.omnirouter.history.ops.infrastructure;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.core.instrument.Tags;
import io.omnirouter.history.shared.metrics.GaugeRows;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * What the ops overview reads from the broker, each call bounded by {@code omnirouter.history.ops.kafka-timeout}
 * (default 3 s): the consumer lag of the history's group per partition (committed offsets against the last stable
 * offsets), the same as a gauge for every consumer group of the cluster (the router's, the relay's, an ops tool's:
 * one place to watch them all, whichever service runs the group) and the dead-letter topics ({@code *.DLT}) with their record counts and latest reasons (headers of the
 * last few records, never the values: they may hold personal data).
 */
@Component
public class KafkaProbe implements DisposableBean {

    /**
     * Consumer lag per group, topic and partition, for every consumer group of the cluster (Boot's Kafka client metrics
     * only give records-lag-max per client, and only of the clients in this process).
     */
    public static final String CONSUMER_LAG = "omnirouter.history.consumer.lag";

    private static final int LATEST_PER_TOPIC = 5;

    private final KafkaAdmin kafkaAdmin;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final String groupId;
    private final Duration timeout;
    private final GaugeRows lagGauge;
    private final java.util.concurrent.ScheduledExecutorService scheduler;
    private Admin admin;

    public record PartitionLag(String topic, int partition, Long committed, long end, long lag) {
    }

    public record ConsumerLag(String group, long total, List<PartitionLag> partitions) {
    }

    public record DeadLetterSample(String reason, String exception, String sourceTopic, String sourcePartition,
                                   String sourceOffset, String failedAt, String failedBy, Instant timestamp) {
    }

    public record DeadLetterTopic(String topic, long records, List<DeadLetterSample> latest) {
    }

    KafkaProbe(KafkaAdmin kafkaAdmin, ConsumerFactory<?, ?> consumerFactory,
               @Value("${spring.kafka.consumer.group-id}") String groupId,
               OpsProperties properties, io.micrometer.core.instrument.MeterRegistry registry) {
        this.kafkaAdmin = kafkaAdmin;
        this.consumerFactory = consumerFactory;
        this.groupId = groupId;
        this.timeout = properties.kafkaTimeout();
        this.lagGauge = new GaugeRows(CONSUMER_LAG, "Records of the topic partition not yet consumed by the group", registry);
        this.scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag-gauge");
            thread.setDaemon(true);
            return thread;
        });
        long lagInterval = properties.lagGaugeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refreshLagQuietly, lagInterval, lagInterval, TimeUnit.MILLISECONDS);
    }

    /** Asks the broker for every group's lag and sets the gauge to it; what the scheduler does every interval. */
    public List<ConsumerLag> refreshLagGauge() throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerLag> groups = everyGroupsLag();
        Map<Tags, Long> rows = new HashMap<>();
        for (ConsumerLag group : groups) {
            group.partitions().forEach(lag -> rows.put(Tags.of("group", group.group(), "topic", lag.topic(),
                    "partition", Integer.toString(lag.partition())), lag.lag()));
        }
        lagGauge.set(rows);
        return groups;
    }

    private void refreshLagQuietly() {
        try {
            refreshLagGauge();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The broker may be away: the gauge keeps its last values.
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
            config.put("client.id", "contact-history-ops");
            config.put("default.api.timeout.ms", (int) timeout.toMillis());
            config.put("request.timeout.ms", (int) timeout.toMillis());
            admin = Admin.create(config);
        }
        return admin;
    }

    /**
     * The lag of the history's consumer group on every partition of contact.events and of any other topic it has committed
     * offsets for. A partition without a committed offset lags by all it holds ({@code committed} null; the group
     * starts from the earliest offset).
     */
    public ConsumerLag consumerLag() throws InterruptedException, ExecutionException, TimeoutException {
        return consumerLag(groupId, Set.of(ContractTopic.CONTACT_EVENTS.topic()), System.nanoTime() + timeout.toNanos());
    }

    /** The lag of every consumer group of the cluster on the partitions it has committed offsets for. */
    public List<ConsumerLag> everyGroupsLag() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> groups = admin().listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId).sorted().toList();
        List<ConsumerLag> lags = new ArrayList<>();
        for (String group : groups) {
            // Each group's questions bounded anew: a cluster with many groups takes longer, never a partial answer.
            long groupDeadline = System.nanoTime() + timeout.toNanos();
            lags.add(group.equals(groupId) ? consumerLag(group, Set.of(ContractTopic.CONTACT_EVENTS.topic()), groupDeadline)
                    : consumerLag(group, Set.of(), groupDeadline));
        }
        return lags;
    }

    /** {@code group}'s lag on every partition of {@code topics} and of any other topic it has committed offsets for. */
    private ConsumerLag consumerLag(String group, Set<String> topicsRead, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(remaining(deadline), TimeUnit.MILLISECONDS);
        Set<String> topics = new TreeSet<>(topicsRead);
        committed.keySet().forEach(partition -> topics.add(partition.topic()));
        if (topics.isEmpty()) {
            return new ConsumerLag(group, 0, List.of());
        }
        List<TopicPartition> partitions = new ArrayList<>();
        admin().describeTopics(topics).allTopicNames().get(remaining(deadline), TimeUnit.MILLISECONDS).values()
                .forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(remaining(deadline), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), deadline);
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            long end = ends.containsKey(partition) ? ends.get(partition).offset() : 0;
            OffsetAndMetadata offset = committed.get(partition);
            Long position = offset == null ? null : offset.offset();
            long from = position != null ? position : starts.getOrDefault(partition, 0L);
            lags.add(new PartitionLag(partition.topic(), partition.partition(), position, end, Math.max(0, end - from)));
        }
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return new ConsumerLag(group, lags.stream().mapToLong(PartitionLag::lag).sum(), lags);
    }

    /** Every {@code *.DLT} topic of the cluster: records held (end - start offsets) and the latest reasons. */
    public List<DeadLetterTopic> deadLetters() throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> topics = admin().listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(name -> name.endsWith(ContractTopic.DEAD_LETTER_SUFFIX)).sorted().toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin().describeTopics(topics).allTopicNames()
                .get(remaining(deadline), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), deadline);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), deadline);
        Map<String, List<DeadLetterSample>> latest = latestRecords(partitions, starts, ends, deadline);
        return topics.stream().map(topic -> new DeadLetterTopic(topic,
                partitions.stream().filter(p -> p.topic().equals(topic)).mapToLong(p -> ends.get(p) - starts.get(p)).sum(),
                latest.getOrDefault(topic, List.of()))).toList();
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin().listOffsets(request).all().get(remaining(deadline), TimeUnit.MILLISECONDS)
                .forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** The last few records of each topic (by record timestamp, newest first), read until the deadline at most. */
    private Map<String, List<DeadLetterSample>> latestRecords(List<TopicPartition> partitions, Map<TopicPartition, Long> starts,
                                                              Map<TopicPartition, Long> ends, long deadline) {
        List<TopicPartition> reading = partitions.stream().filter(p -> ends.get(p) > starts.get(p)).toList();
        Map<String, List<DeadLetterSample>> byTopic = new HashMap<>();
        if (reading.isEmpty()) {
            return byTopic;
        }
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "contact-history-ops-dlt");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(reading);
            Map<TopicPartition, Long> remainingPartitions = new HashMap<>();
            for (TopicPartition partition : reading) {
                long from = Math.max(starts.get(partition), ends.get(partition) - LATEST_PER_TOPIC);
                consumer.seek(partition, from);
                remainingPartitions.put(partition, ends.get(partition));
            }
            while (!remainingPartitions.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(Math.min(200, remaining(deadline))))) {
                    byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(sample(record));
                }
                remainingPartitions.keySet().removeIf(p -> consumer.position(p, Duration.ofMillis(remaining(deadline))) >= remainingPartitions.get(p));
            }
        } catch (RuntimeException e) {
            // Counts without reasons rather than no overview at all.
            return byTopic;
        }
        byTopic.replaceAll((topic, samples) -> samples.stream()
                .sorted(Comparator.comparing(DeadLetterSample::timestamp).reversed()).limit(LATEST_PER_TOPIC).toList());
        return byTopic;
    }

    private static DeadLetterSample sample(ConsumerRecord<byte[], byte[]> record) {
        var headers = record.headers();
        return new DeadLetterSample(DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.REASON),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.EXCEPTION),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.SOURCE_TOPIC),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.SOURCE_PARTITION),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.SOURCE_OFFSET),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.FAILED_AT),
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.FAILED_BY),
                Instant.ofEpochMilli(record.timestamp()));
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public synchronized void destroy() {
        scheduler.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
