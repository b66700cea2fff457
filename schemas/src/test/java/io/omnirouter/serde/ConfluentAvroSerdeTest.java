package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the serde decides before it needs a registry. The client points at a closed port, so a test
 * that reached the registry would fail with SchemaRegistryUnavailableException instead.
 */
class ConfluentAvroSerdeTest {

    private static SchemaRegistryClient nowhere;

    @BeforeAll
    static void closedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        nowhere = new SchemaRegistryClient("http://127.0.0.1:" + port);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(new ConfluentAvroSerializer<>(nowhere, true).serialize("t", null)).isNull();
        assertThat(new ConfluentAvroDeserializer<>(nowhere).deserialize("t", null)).isNull();
    }

    @Test
    void wrongMagicByteIsReportedWithoutAskingTheRegistry() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(nowhere).deserialize("t", "{\"a\":1}".getBytes()))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("Unknown magic byte 0x7b at offset 0");
    }

    @Test
    void tooShortIsReportedWithoutAskingTheRegistry() {
        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(nowhere).deserialize("t", new byte[] {0, 0, 0}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("record too short: 3 bytes, a Confluent-framed record needs at least 5");
    }

    @Test
    void onlyAvroRecordsAreSerialized() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<Object>(nowhere, true).serialize("channel.email", "plain text"))
                .isInstanceOf(SerializationException.class)
                .hasMessage("ConfluentAvroSerializer writes Avro records (SpecificRecord or GenericRecord), "
                        + "got java.lang.String for topic 'channel.email'");
    }

    @Test
    void unconfiguredSerdeSaysSo() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<Object>().serialize("t", Probes.probeV1("p", 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not configured");
    }
}
