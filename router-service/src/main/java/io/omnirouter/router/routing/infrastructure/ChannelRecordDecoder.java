package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
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
     * @throws RejectedEventException for a tombstone or a value of any other schema than the topic's (another topic's
     *         event, an adapter's own record type, a bare string), naming that schema
     * @throws org.apache.kafka.common.errors.SerializationException for bytes that do not decode; a
     *         {@link io.omnirouter.serde.SchemaRegistryUnavailableException} among them is transient
     */
    SpecificRecord decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new RejectedEventException(Rejection.TOMBSTONE);
        }
        // Read as Object: a writer schema without a generated class (an adapter's own record, a bare string)
        // decodes as GenericRecord or a plain value, and must be refused with a reason, not a ClassCastException.
        Object decoded = ((Deserializer<?>) channelEvents).deserialize(record.topic(), record.value());
        String expected = expectedSchema(record.topic());
        if (!(decoded instanceof SpecificRecord event) || !event.getSchema().getFullName().equals(expected)) {
            throw new RejectedEventException(Rejection.SCHEMA_OF_ANOTHER_TOPIC, record.topic(), expected, describe(decoded));
        }
        return event;
    }

    private static String describe(Object decoded) {
        if (decoded instanceof GenericContainer container) {
            return container.getSchema().getFullName();
        }
        // A non-record writer schema: its Avro type, never the value (it may be personal data).
        String type = decoded == null ? "null"
                : decoded instanceof CharSequence ? "string"
                : decoded instanceof java.nio.ByteBuffer ? "bytes"
                : decoded instanceof java.util.Map ? "map"
                : decoded.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).replace("integer", "int");
        return "a bare Avro " + type + ", not a record";
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
