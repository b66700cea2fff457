package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.contact.infrastructure.ContactEventDecoder;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.rebuild.application.HistoryLog;
import io.omnirouter.history.rebuild.application.RebuildProperties;
import io.omnirouter.history.shared.action.infrastructure.AgentActionDecoder;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.schemas.ContractTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads contact.events and agent.actions with consumers of its own: assigned every partition, no consumer group,
 * nothing committed, so the live groups' offsets stay as they are; where it got to is the rebuild's own progress.
 * Records are decoded by the live listeners' decoders. Connection settings (bootstrap servers, security) are the live
 * consumer's.
 */
@Component
class KafkaHistoryLog implements HistoryLog {

    private static final String CONTACTS = ContractTopic.CONTACT_EVENTS.topic();
    private static final String ACTIONS = ContractTopic.AGENT_ACTIONS.topic();

    private final ConsumerFactory<?, ?> consumerFactory;
    private final ContactEventDecoder contacts;
    private final AgentActionDecoder actions;
    private final RebuildProperties properties;

    KafkaHistoryLog(ConsumerFactory<?, ?> consumerFactory, ContactEventDecoder contacts, AgentActionDecoder actions,
                    RebuildProperties properties) {
        this.consumerFactory = consumerFactory;
        this.contacts = contacts;
        this.actions = actions;
        this.properties = properties;
    }

    @Override
    public String contactsTopic() {
        return CONTACTS;
    }

    @Override
    public String actionsTopic() {
        return ACTIONS;
    }

    @Override
    public long readContacts(Map<Integer, Long> from, Consumer<Chunk<Contact>> handler) {
        return read(CONTACTS, from, records -> {
            ContactEventDecoder.Decoded decoded = contacts.decode(records);
            // Contacts of erased customers count as skipped: their keys are shredded.
            return new Chunk<>(decoded.contacts(), records.size(), decoded.rejected().size() + decoded.erased(), Map.of());
        }, handler);
    }

    @Override
    public long readActions(Map<Integer, Long> from, Consumer<Chunk<AgentAction>> handler) {
        return read(ACTIONS, from, records -> {
            AgentActionDecoder.Decoded decoded = actions.decode(records);
            return new Chunk<>(decoded.actions(), records.size(), decoded.rejected().size() + decoded.erased(), Map.of());
        }, handler);
    }

    /** @param decode a poll's records into a chunk (without its offsets, added here) */
    private <T> long read(String topic, Map<Integer, Long> from, Function<List<ConsumerRecord<byte[], byte[]>>, Chunk<T>> decode,
                          Consumer<Chunk<T>> handler) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "contact-history-rebuild-" + topic);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            for (TopicPartition partition : partitions) {
                Long next = from.get(partition.partition());
                if (next != null) {
                    consumer.seek(partition, next);
                }
            }
            // read_committed: the last stable offsets, i.e. up to the last committed transaction.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<TopicPartition> reading = new ArrayList<>(partitions);
            while (true) {
                List<TopicPartition> done = reading.stream().filter(p -> consumer.position(p) >= ends.get(p)).toList();
                consumer.pause(done);
                reading.removeAll(done);
                if (reading.isEmpty()) {
                    return read;
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(properties.pollTimeout());
                List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
                Map<Integer, Long> next = new HashMap<>();
                for (TopicPartition partition : polled.partitions()) {
                    // Records past the end were left for the next read: the progress must not pass them.
                    next.put(partition.partition(), Math.min(consumer.position(partition), ends.get(partition)));
                }
                if (!records.isEmpty() || !next.isEmpty()) {
                    Chunk<T> decoded = decode.apply(records);
                    handler.accept(new Chunk<>(decoded.items(), decoded.recordsRead(), decoded.recordsSkipped(), next));
                    read += records.size();
                }
            }
        }
    }
}
