package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Reads a channel record as the router does: Confluent-framed Avro of the schema that belongs on its topic.
 * One definition for the listener and for {@link DuplicateWindowRestore}, so that a restored window holds
 * exactly the records the listener routed.
 */
@Component
class ChannelRecordDecoder {

    private final ConfluentAvroDeserializer<SpecificRecord> channelEvents;

    ChannelRecordDecoder(ConfluentAvroDeserializer<SpecificRecord> channelEvents) {
        this.channelEvents = channelEvents;
    }

    /**
     * @throws RejectedEventException for a tombstone or an event of another topic's schema
     * @throws org.apache.kafka.common.errors.SerializationException for bytes that do not decode; a
     *         {@link io.omnirouter.serde.SchemaRegistryUnavailableException} among them is transient
     */
    SpecificRecord decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new RejectedEventException(Rejection.TOMBSTONE);
        }
        SpecificRecord event = channelEvents.deserialize(record.topic(), record.value());
        String expected = expectedSchema(record.topic());
        if (!event.getSchema().getFullName().equals(expected)) {
            throw new RejectedEventException(Rejection.SCHEMA_OF_ANOTHER_TOPIC, record.topic(), expected,
                    event.getSchema().getFullName());
        }
        return event;
    }

    private static String expectedSchema(String topic) {
        for (ContractTopic channel : ContractTopic.channels()) {
            if (channel.topic().equals(topic)) {
                return channel.valueSchema().getFullName();
            }
        }
        throw new IllegalStateException("not a channel topic: " + topic);
    }
}
