package io.omnirouter.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the checks read from Kafka once the stack is quiet, the way a downstream reader would: every topic read
 * with {@code read_committed} from the beginning. {@code contact.events} must hold each source event once,
 * {@code followup.tasks} never two contents for one (task id, version), the dead-letter topics nothing (the
 * workload is valid), no consumer group may lag and no transaction may be left open.
 */
final class KafkaAudit implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param contactEvents          records in contact.events
     * @param contactEventDuplicates source events (channel topic/event id) that contact.events holds more than once
     * @param taskVersions           distinct (task id, version) pairs in followup.tasks
     * @param taskVersionConflicts   pairs that carry two or more different contents
     * @param deadLetters            records per dead-letter topic (only topics that have any)
     * @param deadLetterReasons      a few of their reasons, for the report
     */
    record LogFindings(long contactEvents, Set<String> contactEventDuplicates, long taskVersions, Set<String> taskVersionConflicts,
                       Map<String, Long> deadLetters, List<String> deadLetterReasons) {
    }

    private final String bootstrapServers;
    private final Admin admin;
    private final SchemaRegistryClient registry;
    private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

    KafkaAudit(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "omnirouter-fault-audit",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        this.registry = new SchemaRegistryClient(registryUrl);
    }

    /**
     * Group → records it has still to read, only groups that lag. Between a group's committed offset and the last
     * stable offset there may be nothing but transaction markers (a listener commits the offset after its last
     * record, the marker of that record's transaction comes after it): those are not lag, so each gap is read
     * ({@code read_committed}) and only records count.
     */
    Map<String, Long> lag() {
        Map<String, Long> lagging = new TreeMap<>();
        for (String group : groups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
            Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
            for (String topic : topicsOf(group)) {
                partitions.addAll(partitionsOf(topic));
            }
            Map<TopicPartition, Long> ends = lastStableOffsets(partitions);
            Map<TopicPartition, Long> gapStarts = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                long from = at == null ? earliest(end.getKey()) : at.offset();
                if (from < end.getValue()) {
                    gapStarts.put(end.getKey(), from);
                }
            }
            long behind = recordsBetween(gapStarts, ends);
            if (behind > 0) {
                lagging.put(group, behind);
            }
        }
        return lagging;
    }

    /** Transactions the coordinators still hold open: id → state. */
    Map<String, String> openTransactions() {
        Map<String, String> open = new TreeMap<>();
        for (TransactionListing listing : get(admin.listTransactions(new ListTransactionsOptions()
                .filterStates(List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT)))
                .all())) {
            open.put(listing.transactionalId(), listing.state().toString());
        }
        return open;
    }

    LogFindings readLogs() {
        ConfluentAvroDeserializer<ContactEvent> contactEvents = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
        Map<String, Integer> sources = new HashMap<>();
        long[] contactEventCount = {0};
        readAll(ContractTopic.CONTACT_EVENTS.topic(), (record, value) -> {
            ContactEvent event = contactEvents.deserialize(record.topic(), value);
            sources.merge(SourceKey.ofChannel(event.getChannel().name(), event.getSourceEventId()), 1, Integer::sum);
            contactEventCount[0]++;
        });
        Set<String> duplicates = new HashSet<>();
        sources.forEach((key, count) -> {
            if (count > 1) {
                duplicates.add(key);
            }
        });

        ConfluentAvroDeserializer<FollowUpTask> tasks = new ConfluentAvroDeserializer<>(registry, FollowUpTask.class);
        Map<String, Set<String>> contents = new HashMap<>();
        readAll(ContractTopic.FOLLOWUP_TASKS.topic(), (record, value) -> {
            FollowUpTask task = tasks.deserialize(record.topic(), value);
            String taskVersion = task.getTaskId() + "@" + task.getVersion();
            // The Avro body after the 5-byte header: the schema id may differ between versions of the relay.
            contents.computeIfAbsent(taskVersion, k -> new HashSet<>())
                    .add(Arrays.toString(Arrays.copyOfRange(value, Math.min(5, value.length), value.length)));
        });
        Set<String> conflicts = new HashSet<>();
        contents.forEach((taskVersion, bodies) -> {
            if (bodies.size() > 1) {
                conflicts.add(taskVersion);
            }
        });

        Map<String, Long> deadLetters = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (String dlt : deadLetterTopics()) {
            long[] count = {0};
            readAll(dlt, (record, value) -> {
                count[0]++;
                if (reasons.size() < 10) {
                    reasons.add(dlt + ": " + header(record, DeadLetterHeaders.REASON));
                }
            });
            if (count[0] > 0) {
                deadLetters.put(dlt, count[0]);
            }
        }
        return new LogFindings(contactEventCount[0], duplicates, contents.size(), conflicts, deadLetters, reasons);
    }

    private List<String> deadLetterTopics() {
        return get(admin.listTopics().names()).stream().filter(topic -> topic.endsWith(ContractTopic.DEAD_LETTER_SUFFIX))
                .sorted().toList();
    }

    /** Every committed record of {@code topic}, from the beginning to the last stable offset at the start of the read. */
    private void readAll(String topic, BiConsumer<ConsumerRecord<byte[], byte[]>, byte[]> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic + " to its end took longer than " + READ_TIMEOUT.toMinutes() + " min");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition())) && record.value() != null) {
                        each.accept(record, record.value());
                    }
                }
            }
        }
    }

    /** Committed records in [{@code from}, {@code to}) of one partition. */
    /**
     * Records (not markers) in each gap, from its start up to its end ({@code ends}), read by one consumer for all of
     * them: a consumer per partition cost about half a second each, and a drain asks on every poll.
     */
    private long recordsBetween(Map<TopicPartition, Long> gapStarts, Map<TopicPartition, Long> ends) {
        if (gapStarts.isEmpty()) {
            return 0;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            consumer.assign(gapStarts.keySet());
            gapStarts.forEach(consumer::seek);
            long records = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            Set<TopicPartition> open = new HashSet<>(gapStarts.keySet());
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records++;
                    }
                }
                Set<TopicPartition> done = new HashSet<>();
                for (TopicPartition partition : open) {
                    if (consumer.position(partition) >= ends.get(partition)) {
                        done.add(partition);
                    }
                }
                consumer.pause(done);
                open.removeAll(done);
            }
            return records;
        }
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "omnirouter-fault-audit-reader",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<String> groups() {
        return get(admin.listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId).sorted().toList();
    }

    /** The topics a group of ours reads, so that a partition it never committed on still counts. */
    private static List<String> topicsOf(String group) {
        return switch (group) {
            case "router" -> Stream.of(ContractTopic.channels()).map(ContractTopic::topic).toList();
            case "contact-history" -> List.of(ContractTopic.CONTACT_EVENTS.topic());
            default -> List.of();
        };
    }

    /** The partitions of a topic; remembered once known, since the lag is asked for on every poll of a drain. */
    private List<TopicPartition> partitionsOf(String topic) {
        List<TopicPartition> known = partitions.get(topic);
        if (known != null) {
            return known;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            List<TopicPartition> found = infos == null ? List.of()
                    : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            if (!found.isEmpty()) {
                partitions.put(topic, found); // topics are declared with their partitions; a missing one may appear later
            }
            return found;
        }
    }

    private Map<TopicPartition, Long> lastStableOffsets(Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private long earliest(TopicPartition partition) {
        return get(admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).all()).get(partition).offset();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
