package io.omnirouter.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0x00}, the schema id as a 4-byte big-endian int, then
 * the Avro binary encoding of the record. All framing byte logic lives here.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x00;
    /** Magic byte plus schema id. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** A framed record taken apart; {@code payload} is a view of the Avro bytes, not a copy. */
    public record Unframed(int schemaId, ByteBuffer payload) {
    }

    public static byte[] frame(int schemaId, byte[] avroBinary) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBinary.length)
                .put(MAGIC_BYTE)
                .putInt(schemaId)
                .put(avroBinary)
                .array();
    }

    /** Writes the 5-byte header, for encoders that stream the Avro payload right after it. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Validates the header and returns the schema id and the Avro payload.
     *
     * @throws WireFormatException if the record is shorter than the header or the magic byte is wrong
     */
    public static Unframed unframe(byte[] record) {
        if (record.length < HEADER_LENGTH) {
            throw new WireFormatException("record too short: " + record.length + " byte" + (record.length == 1 ? "" : "s")
                    + ", a Confluent-framed record needs at least " + HEADER_LENGTH);
        }
        if (record[0] != MAGIC_BYTE) {
            throw new WireFormatException(String.format(
                    "Unknown magic byte 0x%02x at offset 0 (expected 0x%02x, Confluent wire format); "
                            + "the record was not written by an Avro serializer%s",
                    record[0], MAGIC_BYTE, guessContent(record[0])));
        }
        int schemaId = ByteBuffer.wrap(record, 1, 4).getInt();
        // slice() so that the buffer's arrayOffset() points at the payload and decoders can read the array in place
        ByteBuffer payload = ByteBuffer.wrap(record, HEADER_LENGTH, record.length - HEADER_LENGTH).slice();
        return new Unframed(schemaId, payload);
    }

    // The usual culprits behind a wrong magic byte, named so that a human reading a dead-letter header knows where to look.
    private static String guessContent(byte first) {
        return switch (first) {
            case '{', '[' -> " (it starts like JSON text)";
            case '<' -> " (it starts like XML text)";
            default -> "";
        };
    }
}
