package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.schemas.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    @Test
    void aDecodedRecordIsOneJsonLineWithTheContractFieldsInOrder() throws Exception {
        ConsumerRecord<byte[], byte[]> record = record("channel.email", "m-1".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        ValueDecoder.Decoded value = new ValueDecoder.Decoded(AvroJson.JSON.readTree("{\"messageId\":\"m-1\"}"),
                "io.omnirouter.channel.EmailEvent", 7, null, null);

        String line = RecordJson.format(record, value);

        assertThat(line).doesNotContain("\n").isEqualTo("{\"topic\":\"channel.email\",\"partition\":2,\"offset\":41,"
                + "\"timestamp\":\"2026-03-01T09:30:00Z\",\"key\":\"m-1\",\"headers\":{},\"value\":{\"messageId\":\"m-1\"},"
                + "\"valueSchema\":\"io.omnirouter.channel.EmailEvent\",\"schemaId\":7}");
    }

    @Test
    void aDeadLetterShowsItsHeadersAndTheBytesItCouldNotDecode() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.header(DeadLetterHeaders.REASON, "first"));
        headers.add(DeadLetterHeaders.header(DeadLetterHeaders.REASON, "Unknown magic byte 0x7b"));
        headers.add(DeadLetterHeaders.header(DeadLetterHeaders.SOURCE_TOPIC, "channel.email"));
        headers.add("binary", new byte[] {(byte) 0xff, 0x00});
        ConsumerRecord<byte[], byte[]> record = record("channel.email.DLT", new byte[] {(byte) 0xc3, 0x28}, headers);

        JsonNode json = AvroJson.JSON.readTree(RecordJson.format(record,
                ValueDecoder.Decoded.failed("{}".getBytes(StandardCharsets.UTF_8), null, "Unknown magic byte 0x7b")));

        assertThat(json.get("key").isNull()).isTrue();
        assertThat(json.get("keyBase64").asText()).isEqualTo("wyg=");
        assertThat(json.at("/headers/omnirouter.dlt.reason").asText()).isEqualTo("Unknown magic byte 0x7b");
        assertThat(json.at("/headers/omnirouter.dlt.source.topic").asText()).isEqualTo("channel.email");
        assertThat(json.at("/headers/binary").asText()).isEqualTo("base64:/wA=");
        assertThat(json.get("value").isNull()).isTrue();
        assertThat(json.get("valueBase64").asText()).isEqualTo("e30=");
        assertThat(json.get("valueError").asText()).isEqualTo("Unknown magic byte 0x7b");
    }

    @Test
    void aTombstoneHasANullValue() throws Exception {
        JsonNode json = AvroJson.JSON.readTree(RecordJson.format(record("t", null, new RecordHeaders()), null));

        assertThat(json.get("value").isNull()).isTrue();
        assertThat(json.get("key").isNull()).isTrue();
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 2, 41, java.time.Instant.parse("2026-03-01T09:30:00Z").toEpochMilli(),
                TimestampType.CREATE_TIME, key == null ? -1 : key.length, 2, key, new byte[] {1, 2}, headers, Optional.empty());
    }
}
