package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    private final byte[] avro = Probes.avroBinary(Probes.probeV1("p-1", 42));

    @Test
    void frameIsMagicByteThenBigEndianIdThenAvroBinaryUntouched() {
        byte[] framed = WireFormat.frame(0x01020304, avro);

        assertThat(framed).hasSize(5 + avro.length);
        assertThat(framed[0]).isEqualTo((byte) 0x00);
        assertThat(Arrays.copyOfRange(framed, 1, 5)).containsExactly(0x01, 0x02, 0x03, 0x04);
        assertThat(Arrays.copyOfRange(framed, 5, framed.length)).isEqualTo(avro);
    }

    @Test
    void idsAboveOneByteAndTheSignBitAreBigEndian() {
        assertThat(Arrays.copyOfRange(WireFormat.frame(1, avro), 1, 5)).containsExactly(0x00, 0x00, 0x00, 0x01);
        assertThat(Arrays.copyOfRange(WireFormat.frame(4711, avro), 1, 5)).containsExactly(0x00, 0x00, 0x12, 0x67);
        assertThat(Arrays.copyOfRange(WireFormat.frame(0x80FF0001, avro), 1, 5)).containsExactly(0x80, 0xFF, 0x00, 0x01);
    }

    @Test
    void streamedHeaderEqualsTheFramedOne() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, 0x80FF0001);
        out.writeBytes(avro);

        assertThat(out.toByteArray()).isEqualTo(WireFormat.frame(0x80FF0001, avro));
    }

    @Test
    void unframeReturnsIdAndTheAvroBytesInPlace() {
        byte[] framed = WireFormat.frame(0x01020304, avro);

        WireFormat.Unframed unframed = WireFormat.unframe(framed);

        assertThat(unframed.schemaId()).isEqualTo(0x01020304);
        assertThat(unframed.payload().array()).isSameAs(framed);
        assertThat(unframed.payload().arrayOffset()).isEqualTo(5);
        byte[] payload = new byte[unframed.payload().remaining()];
        unframed.payload().duplicate().get(payload);
        assertThat(payload).isEqualTo(avro);
    }

    @Test
    void headerOnlyIsAValidFrameWithAnEmptyPayload() {
        WireFormat.Unframed unframed = WireFormat.unframe(new byte[] {0, 0, 0, 0, 7});

        assertThat(unframed.schemaId()).isEqualTo(7);
        assertThat(unframed.payload()).isEqualTo(ByteBuffer.allocate(0));
    }

    @Test
    void jsonTextIsRejectedNamingTheByteAndItsOffset() {
        byte[] json = "{\"id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WireFormat.unframe(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("Unknown magic byte 0x7b at offset 0 (expected 0x00, Confluent wire format); "
                        + "the record was not written by an Avro serializer (it starts like JSON text)");
    }

    @Test
    void otherWrongMagicBytesAreRejected() {
        assertThatThrownBy(() -> WireFormat.unframe(new byte[] {(byte) 0xff, 0, 0, 0, 1, 2}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("Unknown magic byte 0xff at offset 0 (expected 0x00, Confluent wire format); "
                        + "the record was not written by an Avro serializer");
    }

    @Test
    void tooShortInputIsRejectedWithItsLength() {
        assertThatThrownBy(() -> WireFormat.unframe(new byte[] {0, 0, 1}))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("record too short: 3 bytes, a Confluent-framed record needs at least 5");
        assertThatThrownBy(() -> WireFormat.unframe(new byte[] {0}))
                .hasMessage("record too short: 1 byte, a Confluent-framed record needs at least 5");
        assertThatThrownBy(() -> WireFormat.unframe(new byte[0]))
                .hasMessage("record too short: 0 bytes, a Confluent-framed record needs at least 5");
    }
}
