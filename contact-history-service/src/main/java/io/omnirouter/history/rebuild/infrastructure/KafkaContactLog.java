package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.contact.infrastructure.ContactEventDecoder;
import io.omnirouter.history.contact.infrastructure.ContactEventDecoder.Decoded;
import io.omnirouter.history.rebuild.application.ContactLog;
import io.omnirouter.history.rebuild.application.RebuildProperties;
import io.omnirouter.schemas.ContractTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads contact.events with a consumer of its own: assigned every partition, no consumer group, nothing
 * committed, so the live group's offsets stay as they are; where it got to is the rebuild's own progress. Connection settings (bootstrap servers,
 * security) are the live consumer's.
 */
@Component
class KafkaContactLog implements ContactLog {

    private static final String TOPIC = ContractTopic.CONTACT_EVENTS.topic();

    private final ConsumerFactory<?, ?> consumerFactory;
    private final ContactEventDecoder decoder;
    private final RebuildProperties properties;

    KafkaContactLog(ConsumerFactory<?, ?> consumerFactory, ContactEventDecoder decoder, RebuildProperties properties) {
        this.consumerFactory = consumerFactory;
        this.decoder = decoder;
        this.properties = properties;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public long readFrom(Map<Integer, Long> from, Consumer<Chunk> handler) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "contact-history-rebuild");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
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
                    Decoded decoded = decoder.decode(records);
                    handler.accept(new Chunk(decoded.contacts(), records.size(), decoded.rejected().size(), next));
                    read += records.size();
                }
            }
        }
    }
}
