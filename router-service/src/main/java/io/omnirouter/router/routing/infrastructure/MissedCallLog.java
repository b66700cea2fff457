package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.callback.MissedInboundCall;
import io.omnirouter.router.config.RouterProperties;
import io.omnirouter.router.routing.application.CallbackThreads.NotedMissedCall;
import io.omnirouter.router.routing.model.MissedCall;
import io.omnirouter.router.routing.model.MissedCalls;
import io.omnirouter.schemas.InternalTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The router's missed calls on Kafka, {@link InternalTopic#MISSED_CALLS}: written with the batch that routed them,
 * read by every instance in full into {@link MissedCalls}, so that a callback routed on any partition, by any
 * instance, finds the missed call it answers.
 *
 * <p>Written in the batch's Kafka transaction, so a missed call is on the topic exactly when its contact is on
 * {@code contact.events}. The record key is the keyed hash of the customer's phone number
 * ({@code CallbackThreads.phoneKey}), the value a {@link MissedInboundCall} (call id, clear thread key, when): no
 * phone number, no name. Retention deletes the records a day after the link window (the topology).
 *
 * <p>Read by one consumer of its own per instance, outside the group ({@code assign} of every partition,
 * {@code read_committed}): at start-up, before the listener starts (an earlier lifecycle phase), from the first record
 * written within the last link window ({@code offsetsForTimes}) to the end, so a restarted instance knows the missed
 * calls routed before it stopped; then, on a thread of its own, whatever any instance writes. A start-up that cannot
 * read the window within {@value #RESTORE_LIMIT_SECONDS} s fails, rather than route callbacks without their missed
 * calls. Limit: a missed call committed by one instance reaches the others a moment later (a poll), so a callback
 * routed elsewhere within that moment keeps a thread of its own; callbacks come minutes after the missed call.
 */
@Component
class MissedCallLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MissedCallLog.class);
    private static final String TOPIC = InternalTopic.MISSED_CALLS.topic();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long RESTORE_LIMIT_SECONDS = 120;
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    /** How long a partition waits after the registry failed to resolve one of its records. */
    private static final Duration REGISTRY_BACK_OFF = Duration.ofSeconds(1);

    private final MissedCalls missedCalls;
    private final Duration window;
    private final ConfluentAvroSerializer<SpecificRecord> serializer;
    private final ConfluentAvroDeserializer<MissedInboundCall> deserializer;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final Map<String, Object> readerConfig;
    private final Clock clock;
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> reader;
    private Thread follower;

    MissedCallLog(MissedCalls missedCalls, ConfluentAvroSerializer<SpecificRecord> serializer, SchemaRegistryClient registry,
                  KafkaTemplate<byte[], byte[]> kafka, ConsumerFactory<?, ?> groupConsumers, RouterProperties properties,
                  Clock clock) {
        this.missedCalls = missedCalls;
        this.window = properties.callbacks().linkWindow();
        this.serializer = serializer;
        this.deserializer = new ConfluentAvroDeserializer<>(registry, MissedInboundCall.class);
        this.kafka = kafka;
        Map<String, Object> config = new HashMap<>(OutOfGroupReaders.config(groupConsumers.getConfigurationProperties()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "router-" + properties.instanceId() + "-missed-calls");
        this.readerConfig = Map.copyOf(config);
        this.clock = clock;
    }

    /** Sends the batch's missed calls; inside the batch's transaction (the listener's). */
    void publish(List<NotedMissedCall> noted) {
        for (NotedMissedCall missed : noted) {
            MissedCall call = missed.call();
            MissedInboundCall value = new MissedInboundCall(call.callId(), call.threadKey(), call.occurredAt());
            kafka.send(new ProducerRecord<>(TOPIC, null, missed.phoneKey().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(TOPIC, value)));
        }
    }

    /** Knows the missed calls of a committed batch at once, without waiting for them to come back from the topic. */
    void noteCommitted(List<NotedMissedCall> noted) {
        noted.forEach(missed -> missedCalls.note(missed.phoneKey(), missed.call()));
    }

    @Override
    public void start() {
        Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            readTheWindow(consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw new IllegalStateException("Cannot read the missed calls of the last " + window + " from " + TOPIC
                    + " (omnirouter.router.callbacks.link-window): " + e.getMessage(), e);
        }
        reader = consumer;
        running = true;
        follower = new Thread(() -> follow(consumer), "router-missed-calls");
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<byte[], byte[]> consumer = reader;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (follower != null) {
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers, which start in {@link AbstractMessageListenerContainer#DEFAULT_PHASE}; stopped after them. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }

    private void readTheWindow(Consumer<byte[], byte[]> consumer) {
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(RESTORE_LIMIT_SECONDS).toNanos();
        List<TopicPartition> partitions = List.of();
        while (partitions.isEmpty()) { // the topology has just created it: its metadata may lag a moment
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(TOPIC + " has no partitions");
            }
            partitions = consumer.partitionsFor(TOPIC, remaining(deadline)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        }
        consumer.assign(partitions);
        long from = clock.instant().minus(window).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, remaining(deadline));
        // read_committed: the last stable offset, so what was committed when the read began.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
        Set<TopicPartition> pending = new HashSet<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            long end = ends.get(partition);
            long offset = start == null ? end : start.offset(); // none written within the window: nothing to read
            consumer.seek(partition, offset);
            if (offset < end) {
                pending.add(partition);
            }
        }
        int records = 0;
        while (!pending.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("reading " + pending + " took longer than " + RESTORE_LIMIT_SECONDS + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                note(record);
                records++;
            }
            // The position also moves past transaction markers and aborted records.
            pending.removeIf(partition -> consumer.position(partition, remaining(deadline)) >= ends.get(partition));
        }
        missedCalls.forgetBefore(clock.instant().minus(window));
        log.info("Read {} records of the last {} from {} in {} ms: {} customers with a recent missed call", records,
                window, TOPIC, (System.nanoTime() - started) / 1_000_000, missedCalls.size());
    }

    private void follow(Consumer<byte[], byte[]> consumer) {
        Instant nextForget = clock.instant().plus(FORGET_EVERY);
        Set<TopicPartition> paused = new HashSet<>();
        Instant resumeAt = Instant.MAX;
        try {
            while (running) {
                if (!paused.isEmpty() && !clock.instant().isBefore(resumeAt)) {
                    consumer.resume(paused);
                    paused.clear();
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.error("Reading {} failed; reading on", TOPIC, e);
                    continue;
                }
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                        try {
                            note(record);
                        } catch (SchemaRegistryUnavailableException e) {
                            log.warn("{}-{}@{} waits for the schema registry: {}", TOPIC, partition.partition(),
                                    record.offset(), e.getMessage());
                            consumer.seek(partition, record.offset());
                            consumer.pause(List.of(partition));
                            paused.add(partition);
                            resumeAt = clock.instant().plus(REGISTRY_BACK_OFF);
                            break;
                        }
                    }
                }
                if (!clock.instant().isBefore(nextForget)) {
                    missedCalls.forgetBefore(clock.instant().minus(window));
                    nextForget = clock.instant().plus(FORGET_EVERY);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } finally {
            consumer.close();
        }
    }

    /** Notes one record's missed call; a record that is not one is skipped (only routers write the topic). */
    private void note(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.value() == null) {
            log.warn("Skipped {}-{}@{}: no key or no value", record.topic(), record.partition(), record.offset());
            return;
        }
        MissedInboundCall call;
        try {
            call = deserializer.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // The exception class only: a message may quote the record.
            log.warn("Skipped {}-{}@{}: not a missed call ({})", record.topic(), record.partition(), record.offset(),
                    e.getClass().getName());
            return;
        }
        missedCalls.note(new String(record.key(), StandardCharsets.UTF_8),
                new MissedCall(call.getCallId(), call.getThreadKey(), call.getOccurredAt()));
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
