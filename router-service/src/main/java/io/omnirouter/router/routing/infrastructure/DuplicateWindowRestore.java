package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.router.config.RouterProperties;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.DuplicateWindow;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the duplicate windows of channel partitions from the partitions themselves, when the group assigns
 * them to one of this instance's consumers.
 *
 * <p>Why: the windows live in memory. Without this, an instance that restarted (kill -9 included), or that
 * took a partition over from another instance in a rebalance, started that partition with an empty window, and
 * an adapter's re-send of an event routed just before passed and reached {@code contact.events} a second time.
 *
 * <p>How: the offset the group committed for the partition is the boundary. With exactly-once (the offsets
 * are committed in the transaction that published the batch's output, producers fenced by group generation),
 * the records before it are exactly those whose outcome has been committed. The last
 * {@code window-per-partition} records before it are read ({@code read_committed}, one short-lived consumer of
 * its own for all the partitions, {@code assign}/{@code seek}, no group) and taken through the same decoding and
 * routing as the listener, without publishing anything: the event ids of those the listener routed are
 * remembered in offset order; those it dead-lettered are not, so a {@code dlq replay} of a fixed record is
 * routed.
 *
 * <p>Bounded: a restore must finish within half of {@code max.poll.interval.ms} (it runs on the group
 * consumer's thread, which would otherwise be put out of the group), else it fails. A schema registry outage
 * fails it too. A failed restore leaves the caller without a window: it must not route the partition then.
 */
@Component
class DuplicateWindowRestore {

    private static final Logger log = LoggerFactory.getLogger(DuplicateWindowRestore.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ChannelRecordDecoder decoder;
    private final RoutingChannelEvents routing;
    private final int windowSize;
    private final Duration timeLimit;
    private final Map<String, Object> readerConfig;
    private final String clientIdPrefix;
    private final AtomicInteger readers = new AtomicInteger();

    DuplicateWindowRestore(ChannelRecordDecoder decoder, RoutingChannelEvents routing,
                           ConsumerFactory<?, ?> groupConsumers, RouterProperties properties) {
        this.decoder = decoder;
        this.routing = routing;
        this.windowSize = properties.deduplication().windowPerPartition();
        Map<String, Object> group = groupConsumers.getConfigurationProperties();
        this.timeLimit = Duration.ofMillis(maxPollIntervalMs(group) / 2);
        this.readerConfig = readerConfig(group);
        this.clientIdPrefix = "router-" + properties.instanceId() + "-window-restore-";
    }

    /**
     * The windows of {@code partitions}, each rebuilt from the records before the offset {@code group} (the
     * consumer they are assigned to) resumes from.
     *
     * @throws RuntimeException when they cannot be rebuilt in time or the registry is unreachable
     */
    Map<TopicPartition, DuplicateWindow> restore(Consumer<?, ?> group, Collection<TopicPartition> partitions) {
        long started = System.nanoTime();
        long deadline = started + timeLimit.toNanos();
        Map<TopicPartition, OffsetAndMetadata> committed = group.committed(new HashSet<>(partitions), remaining(deadline));
        Map<TopicPartition, Long> resumeOffsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            // No committed offset: the group has routed nothing of this partition yet, so there is nothing before.
            resumeOffsets.put(partition, offset == null ? 0L : offset.offset());
        }
        return read(resumeOffsets, started, deadline);
    }

    private Map<TopicPartition, DuplicateWindow> read(Map<TopicPartition, Long> resumeOffsets, long started,
                                                      long deadline) {
        Map<TopicPartition, DuplicateWindow> windows = new HashMap<>();
        try (Consumer<byte[], byte[]> reader = new KafkaConsumer<>(readerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(resumeOffsets.keySet());
            Map<TopicPartition, Long> logStarts = reader.beginningOffsets(resumeOffsets.keySet(), remaining(deadline));
            Map<TopicPartition, RestoreRange> pending = new HashMap<>();
            resumeOffsets.forEach((partition, resume) -> {
                RestoreRange range = RestoreRange.before(resume, logStarts.get(partition), windowSize);
                if (range.isEmpty()) {
                    windows.put(partition, new DuplicateWindow(windowSize));
                } else {
                    pending.put(partition, range);
                }
            });
            int withHistory = pending.size();
            reader.assign(pending.keySet());
            pending.forEach((partition, range) -> reader.seek(partition, range.from()));
            Map<TopicPartition, List<String>> routedIds = new HashMap<>();
            while (!pending.isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("restoring the duplicate windows of " + pending.keySet()
                            + " took longer than " + timeLimit.toMillis() + " ms (half of "
                            + ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG + ")");
                }
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    RestoreRange range = pending.get(partition);
                    if (range != null && range.contains(record.offset())) {
                        routedEventId(record).ifPresent(id -> routedIds.computeIfAbsent(partition, p -> new ArrayList<>()).add(id));
                    }
                }
                for (Iterator<Map.Entry<TopicPartition, RestoreRange>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<TopicPartition, RestoreRange> entry = it.next();
                    TopicPartition partition = entry.getKey();
                    // read_committed: the position also moves past transaction markers and aborted records.
                    if (reader.position(partition, remaining(deadline)) >= entry.getValue().until()) {
                        windows.put(partition, restored(partition, entry.getValue(),
                                routedIds.getOrDefault(partition, List.of()), started));
                        reader.pause(List.of(partition));
                        it.remove();
                    }
                }
            }
            log.info("Duplicate windows of {} partitions restored in {} ms; {} had nothing before their committed offset",
                    windows.size(), millisSince(started), windows.size() - withHistory);
        }
        return windows;
    }

    /**
     * The event id of a record that the listener routed; empty for one it dead-lettered (the same outcomes as
     * in {@link ChannelEventListener}). A registry outage is no outcome: it fails the restore.
     */
    private Optional<String> routedEventId(ConsumerRecord<byte[], byte[]> record) {
        try {
            SpecificRecord event = decoder.decode(record);
            routing.route(event);
            return Optional.of(RoutingChannelEvents.eventIdOf(event));
        } catch (SchemaRegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException deadLettered) {
            return Optional.empty();
        }
    }

    private DuplicateWindow restored(TopicPartition partition, RestoreRange range, List<String> routedIds, long started) {
        DuplicateWindow window = new DuplicateWindow(windowSize);
        window.rememberAll(routedIds);
        log.info("Duplicate window of {} restored: {} event ids from offsets [{}, {}) in {} ms", partition,
                window.size(), range.from(), range.until(), millisSince(started));
        return window;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private Map<String, Object> readerConfig() {
        Map<String, Object> config = new HashMap<>(readerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + readers.incrementAndGet());
        return config;
    }

    /** The group consumers' settings (brokers, security, fetch sizes) for a consumer outside any group. */
    private static Map<String, Object> readerConfig(Map<String, Object> group) {
        Map<String, Object> config = new HashMap<>(group);
        List.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.CLIENT_ID_CONFIG,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)
                .forEach(config::remove);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Retention may delete the first offsets to read between looking them up and fetching them.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return Collections.unmodifiableMap(config);
    }

    private static long maxPollIntervalMs(Map<String, Object> group) {
        Object configured = group.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        Object value = configured != null ? configured
                : ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        return Long.parseLong(value.toString());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
