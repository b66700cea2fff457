package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.DuplicateWindow;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.RoutedContact;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.CustomerAffinity;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The router's inbound adapter: consumes every channel topic ({@link ContractTopic#channels()}) in batches, each
 * batch inside one Kafka transaction together with its output and its consumer offsets (exactly-once
 * read-process-write).
 *
 * <p>Per record: decode (Confluent wire format) → skip a duplicate eventId → route; then, for the batch, seal the
 * contacts' personal fields under their data keys ({@link SealingContacts}) and publish each {@code ContactEvent}
 * keyed by its (hashed) thread key, on the partition of its anchor identifier ({@link CustomerAffinity}). A record
 * that breaks the contract (undecodable, unknown schema id, invalid event) is published, original bytes untouched,
 * to {@code <topic>.DLT} with the reason, in the same transaction, and the batch goes on: a bad record never blocks
 * its partition. A transient failure (registry unreachable) aborts the transaction, so the batch is retried and
 * nothing is lost.
 *
 * <p>The duplicate eventIds are those in the partition's {@link RecentEventIds} window, which a restart or a
 * rebalance does not empty: it is restored from the partition before its first record is routed.
 */
@Component
public class ChannelEventListener {

    private static final Logger log = LoggerFactory.getLogger(ChannelEventListener.class);
    private static final String SERVICE = "router-service";

    private final RoutingChannelEvents routing;
    private final ChannelRecordDecoder channelEvents;
    private final RecentEventIds recentEventIds;
    private final SealingContacts sealing;
    private final ConfluentAvroSerializer<SpecificRecord> contactEvents;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final RoutingMetrics metrics;
    private final Clock clock;

    ChannelEventListener(RoutingChannelEvents routing, ChannelRecordDecoder channelEvents,
                         RecentEventIds recentEventIds, SealingContacts sealing,
                         ConfluentAvroSerializer<SpecificRecord> contactEvents,
                         KafkaTemplate<byte[], byte[]> kafka, MeterRegistry meters, Clock clock) {
        this.routing = routing;
        this.channelEvents = channelEvents;
        this.recentEventIds = recentEventIds;
        this.sealing = sealing;
        this.contactEvents = contactEvents;
        this.kafka = kafka;
        this.metrics = new RoutingMetrics(meters);
        this.clock = clock;
    }

    // Every channel topic of the contract: a channel added there is consumed without a change here.
    @KafkaListener(id = "router", topics = "#{T(io.omnirouter.schemas.ContractTopic).channelTopicNames()}", batch = "true")
    public void route(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        Set<TopicPartition> partitions = new HashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
        // Only for partitions whose restore on assignment failed; while it fails, the batch is retried.
        recentEventIds.restoreMissing(consumer, partitions);
        Map<TopicPartition, List<String>> routedIds = new HashMap<>();
        List<RoutedContact> routedContacts = new ArrayList<>();
        Set<String> seenInBatch = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            DuplicateWindow window = recentEventIds.of(partition);
            RoutedContact routed;
            String eventId;
            try {
                SpecificRecord event = channelEvents.decode(record);
                eventId = RoutingChannelEvents.eventIdOf(event);
                String inBatch = record.topic() + '\u0000' + eventId;
                if (window.contains(eventId) || seenInBatch.contains(inBatch)) {
                    metrics.duplicate(record.topic());
                    continue;
                }
                routed = routing.route(event);
                // Only a routed id counts: a dead-lettered one must not suppress a valid record with that id.
                seenInBatch.add(inBatch);
            } catch (SchemaRegistryUnavailableException e) {
                throw e; // transient: abort the transaction and retry the batch
            } catch (SerializationException | RejectedEventException e) {
                deadLetter(record, e);
                continue;
            } catch (RuntimeException e) {
                // Something in this record's content that we did not foresee: park it rather than block the partition.
                log.error("Unexpected failure routing {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
                // The reason names the exception class only: its message may quote the record.
                deadLetter(record, new RejectedEventException(Rejection.UNEXPECTED_FAILURE, e.getClass().getName()));
                continue;
            }
            routedContacts.add(routed);
            routedIds.computeIfAbsent(partition, p -> new ArrayList<>()).add(eventId);
            metrics.routed(record.topic(), routed.contact().getOccurredAt(), clock.instant());
        }
        // Failing to seal (the key store away) or to publish is never a record's fault: it aborts the transaction and
        // the batch is retried. The batch's data keys are committed before its contacts are sent.
        List<ContactEvent> clear = routedContacts.stream().map(RoutedContact::contact).toList();
        List<ContactEvent> contacts = sealing.seal(clear);
        int contactPartitions = contacts.isEmpty() ? 0 : kafka.partitionsFor(ContractTopic.CONTACT_EVENTS.topic()).size();
        for (int i = 0; i < contacts.size(); i++) {
            publish(contacts.get(i), CustomerAffinity.partitionOf(clear.get(i), contactPartitions), routedContacts.get(i).warnings());
        }
        rememberAfterCommit(routedIds);
    }

    private void publish(ContactEvent contact, Integer partition, List<String> warnings) {
        String topic = ContractTopic.CONTACT_EVENTS.topic();
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, partition,
                contact.getThreadKey().getBytes(StandardCharsets.UTF_8), contactEvents.serialize(topic, contact));
        warnings.forEach(w -> out.headers().add(DeadLetterHeaders.header(DeadLetterHeaders.WARNING, w)));
        kafka.send(out);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, RuntimeException cause) {
        List<Header> headers = DeadLetterHeaders.describe(record, cause, SERVICE, clock.instant());
        String dlt = record.topic() + ContractTopic.DEAD_LETTER_SUFFIX;
        kafka.send(new ProducerRecord<>(dlt, null, record.key(), record.value(), headers));
        metrics.deadLettered(record.topic(), cause);
        // The reason never quotes identifiers or texts, so it is safe at WARN; the value is not logged.
        log.warn("Dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(), dlt,
                DeadLetterHeaders.lastValue(headers, DeadLetterHeaders.REASON));
    }

    /**
     * Event ids count as routed only once the transaction that published them has committed: remembered earlier,
     * a batch whose commit then fails (a rebalance, a broker away) would be dropped as duplicates when it is
     * retried. Without transaction synchronization there is no way to know, so that is refused loudly
     * ({@code TransactionSynchronizationSetup} turns it on for the Kafka transactions).
     */
    private void rememberAfterCommit(Map<TopicPartition, List<String>> routedIds) {
        if (routedIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("routing outside a synchronized Kafka transaction: the routed event ids could "
                    + "not be remembered after the commit only");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                routedIds.forEach(recentEventIds::rememberAll);
            }
        });
    }
}
