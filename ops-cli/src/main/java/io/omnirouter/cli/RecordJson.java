package io.omnirouter.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One consumed record as one JSON line:
 * {@code {"topic","partition","offset","timestamp","key","headers":{…},"value":<Avro JSON>}}, then
 * {@code valueSchema}/{@code schemaId} for a decoded value, or {@code valueBase64}/{@code valueError} (and
 * {@code value: null}) for bytes that are not a decodable record. Header values are UTF-8 strings (the last
 * header of a name wins, as dead-letter headers are read); bytes that are not UTF-8 are shown as
 * {@code base64:…}, a key that is not UTF-8 as {@code keyBase64}.
 */
final class RecordJson {

    private RecordJson() {
    }

    static String format(ConsumerRecord<byte[], byte[]> record, ValueDecoder.Decoded value) {
        ObjectNode json = AvroJson.JSON.createObjectNode();
        json.put("topic", record.topic());
        json.put("partition", record.partition());
        json.put("offset", record.offset());
        json.put("timestamp", record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()).toString());
        String key = utf8(record.key());
        if (record.key() != null && key == null) {
            json.putNull("key");
            json.put("keyBase64", Base64.getEncoder().encodeToString(record.key()));
        } else {
            json.put("key", key);
        }
        ObjectNode headers = json.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(header.key(), headerText(header.value()));
        }
        if (value == null) {
            json.putNull("value");
        } else if (value.ok()) {
            json.set("value", value.json());
            json.put("valueSchema", value.schemaName());
            json.put("schemaId", value.schemaId());
        } else {
            json.putNull("value");
            json.put("valueBase64", value.base64());
            json.put("valueError", value.error());
        }
        try {
            return AvroJson.JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A header value for humans: UTF-8 text, or {@code base64:…} when it is not text. */
    static String headerText(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = utf8(value);
        return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(value);
    }

    /** The bytes as UTF-8, or null if they are null or not valid UTF-8. */
    static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
