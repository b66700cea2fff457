package io.omnirouter.cli;

import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import io.omnirouter.serde.WireFormat;
import org.apache.avro.generic.GenericContainer;

/**
 * Decodes a record value in the Confluent wire format to Avro JSON, with the writer schema from the
 * registry. What cannot be decoded (a dead letter's malformed bytes) comes back as base64 plus the reason;
 * an unreachable registry is an error, not a per-record problem.
 */
interface ValueDecoder {

    /** The decoded value, or {@code json == null} and {@code error} set. */
    record Decoded(JsonNode json, String schemaName, Integer schemaId, String base64, String error) {

        boolean ok() {
            return error == null;
        }

        static Decoded failed(byte[] value, Integer schemaId, String error) {
            return new Decoded(null, null, schemaId, Base64.getEncoder().encodeToString(value), error);
        }
    }

    /** {@code value} is never null here. */
    Decoded decode(String topic, byte[] value);

    /** The serde of the schemas module, reading with each record's writer schema into GenericRecords. */
    static ValueDecoder avro(SchemaRegistryClient registry) {
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>(registry, false);
        return (topic, value) -> {
            Integer schemaId = null;
            try {
                schemaId = WireFormat.unframe(value).schemaId();
                Object datum = deserializer.deserialize(topic, value);
                if (!(datum instanceof GenericContainer)) {
                    return Decoded.failed(value, schemaId, "schema id " + schemaId + " is not a record schema");
                }
                GenericContainer record = (GenericContainer) datum;
                String json = AvroJson.encode(record.getSchema(), record);
                return new Decoded(AvroJson.JSON.readTree(json), record.getSchema().getFullName(), schemaId, null, null);
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (JsonProcessingException e) {
                return Decoded.failed(value, schemaId, "Avro JSON output unreadable: " + e.getOriginalMessage());
            } catch (RuntimeException e) {
                return Decoded.failed(value, schemaId, ErrorMessages.firstMessage(e));
            }
        };
    }
}
