package io.omnirouter.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Test-local schemas and an Avro encoder that shares no code with the serde, to check it against. */
final class Probes {

    static final Schema V1 = load("probe-v1.avsc");
    static final Schema V2 = load("probe-v2.avsc");

    private Probes() {
    }

    static GenericRecord probeV1(String id, int count) {
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", id);
        record.put("count", count);
        record.put("at", 1_700_000_000_123L);
        record.put("kind", new GenericData.EnumSymbol(V1.getField("kind").schema(), "PONG"));
        record.put("tags", List.of("vip", "čšž", "şikayet"));
        return record;
    }

    /** Plain Avro binary, written by a fresh GenericDatumWriter and BinaryEncoder. */
    static byte[] avroBinary(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Schema load(String resource) {
        try (InputStream in = Probes.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
