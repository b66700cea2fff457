package io.omnirouter.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro strings must be valid UTF-8. Avro decodes a string's bytes leniently: malformed or overlong sequences silently
 * become U+FFFD, so a record would be stored with a text other than the one its producer wrote. Every such string
 * holds a U+FFFD after decoding, so a decoded value without one is valid and costs one scan; a value with one (rare: a
 * correctly encoded U+FFFD is valid too) is read again with a reader that decodes its strings strictly. Avro's fast
 * reader, used for the normal read, cannot be told to, hence the second read.
 */
final class StrictUtf8 {

    private static final GenericData STRICT = new GenericData();

    static {
        // The fast reader ignores readString overrides.
        STRICT.setFastReaderEnabled(false);
    }

    private StrictUtf8() {
    }

    /** Whether a decoded value holds a U+FFFD anywhere, i.e. may have been decoded from malformed UTF-8. */
    static boolean mayHoldMalformed(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString().indexOf('\uFFFD') >= 0;
        }
        if (value instanceof IndexedRecord record) {
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                if (mayHoldMalformed(record.get(i))) {
                    return true;
                }
            }
            return false;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().anyMatch(StrictUtf8::mayHoldMalformed);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> mayHoldMalformed(e.getKey()) || mayHoldMalformed(e.getValue()));
        }
        return false;
    }

    /**
     * Reads the payload again with its writer schema, its strings strictly.
     *
     * @throws AvroTypeException naming the problem (never the bytes) if a string is not valid UTF-8
     */
    static void check(Schema writer, byte[] payload, int offset, int length) throws IOException {
        new StrictReader(writer).read(null, DecoderFactory.get().binaryDecoder(payload, offset, length, null));
    }

    /** Reads strings, checking their bytes; everything else as Avro does. */
    static final class StrictReader extends GenericDatumReader<Object> {

        StrictReader(Schema writer) {
            super(writer, writer, STRICT);
        }

        @Override
        protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
            Utf8 raw = in.readString(null);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw.getBytes(), 0, raw.getByteLength())).toString();
            } catch (CharacterCodingException e) {
                throw new AvroTypeException("a string of " + raw.getByteLength()
                        + " bytes is not valid UTF-8 (a malformed or overlong byte sequence)");
            }
        }
    }
}
