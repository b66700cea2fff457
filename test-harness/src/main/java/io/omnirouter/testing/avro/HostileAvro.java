package io.omnirouter.testing.avro;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.apache.avro.Schema;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Valid and deliberately broken Avro binary for property tests of every decoder of the contract (issue 10).
 * Data is generated from a schema and written by an encoder of its own, sharing no code with Avro's or
 * the serde's: a valid datum written here must decode, and a corrupted one must be refused with the
 * documented rejection.
 *
 * <p>A datum is a plain tree: {@code null}, {@link Boolean}, {@link Integer} (int and enum index),
 * {@link Long}, {@link Float}, {@link Double}, {@link String}, {@code byte[]} (bytes and fixed),
 * {@link List} (array items, or record fields in order) and {@link Branch} (a union value with its
 * branch). Maps are not generated: the contract has none.
 */
public final class HostileAvro {

    private HostileAvro() {
    }

    /** A union value in the writer's terms: the branch index and its datum. */
    public record Branch(int index, Object value) {
    }

    /** Where an encoding can be broken ({@code ARRAY_COUNT}: the block count of an array or a map). */
    public enum Site {
        STRING_LENGTH, ARRAY_COUNT, UNION_INDEX, ENUM_INDEX, STRING_UTF8, BOOLEAN
    }

    /** The {@code nth} occurrence (from 0) of {@code site} is written with {@code value} instead of the truth. */
    public record Corruption(Site site, int nth, long value) {
    }

    /** A change to the bytes of a framed record, applied after encoding. */
    public sealed interface Mutation {

        byte[] applyTo(byte[] record);
    }

    /** Only the first {@code keep} bytes (wrapped into the record's length) arrive. */
    public record Truncation(int keep) implements Mutation {

        @Override
        public byte[] applyTo(byte[] record) {
            return Arrays.copyOf(record, Math.floorMod(keep, record.length + 1));
        }
    }

    /** The byte at {@code position} (wrapped) XOR {@code mask}: a bit flip, a wrong index, a wrong length. */
    public record FlippedByte(int position, int mask) implements Mutation {

        @Override
        public byte[] applyTo(byte[] record) {
            byte[] flipped = record.clone();
            if (flipped.length > 0) {
                int at = Math.floorMod(position, flipped.length);
                flipped[at] ^= (byte) mask;
            }
            return flipped;
        }
    }

    /** Bytes after the record, as a writer with another schema would leave. */
    public record TrailingBytes(byte[] extra) implements Mutation {

        @Override
        public byte[] applyTo(byte[] record) {
            byte[] longer = Arrays.copyOf(record, record.length + extra.length);
            System.arraycopy(extra, 0, longer, record.length, extra.length);
            return longer;
        }

        @Override
        public String toString() {
            return "TrailingBytes" + Arrays.toString(extra);
        }
    }

    /** A zig-zag varint inserted at {@code position} (wrapped): a length or count out of nowhere. */
    public record SplicedVarint(int position, long value) implements Mutation {

        @Override
        public byte[] applyTo(byte[] record) {
            int at = Math.floorMod(position, record.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(record.length + 10);
            out.write(record, 0, at);
            writeLong(out, value);
            out.write(record, at, record.length - at);
            return out.toByteArray();
        }
    }

    /**
     * Arbitrary data of {@code schema}, small enough that thousands of examples stay fast. Drawn from a
     * {@link Random} seeded by QuickTheories rather than composed of generators: a ContactEvent has some
     * forty fields, and a generator per field cost more than the decoding under test. Failures still
     * report the sample (and QuickTheories' seed reproduces it).
     */
    public static Gen<Object> datum(Schema schema) {
        return longs().all().map(seed -> randomDatum(schema, new Random(seed)));
    }

    /** One datum of {@code schema} outside a property, e.g. to warm a decoder up before measuring it. */
    public static Object sampleDatum(Schema schema) {
        return randomDatum(schema, new Random());
    }

    private static Object randomDatum(Schema schema, Random random) {
        return switch (schema.getType()) {
            case NULL -> null;
            case BOOLEAN -> random.nextBoolean();
            case INT -> random.nextInt(4) == 0 ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
            case LONG -> random.nextInt(4) == 0 ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong();
            case FLOAT -> random.nextInt(8) == 0 ? Float.NaN : Float.intBitsToFloat(random.nextInt());
            case DOUBLE -> random.nextInt(8) == 0 ? Double.NEGATIVE_INFINITY : Double.longBitsToDouble(random.nextLong());
            case STRING -> text(random);
            case BYTES -> bytes(random, random.nextInt(17));
            case FIXED -> bytes(random, schema.getFixedSize());
            case ENUM -> random.nextInt(schema.getEnumSymbols().size());
            case UNION -> {
                int index = random.nextInt(schema.getTypes().size());
                yield new Branch(index, randomDatum(schema.getTypes().get(index), random));
            }
            case ARRAY -> {
                int size = random.nextInt(8) == 0 ? 20 + random.nextInt(80) : random.nextInt(4);
                List<Object> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add(randomDatum(schema.getElementType(), random));
                }
                yield items;
            }
            case RECORD -> {
                List<Object> fields = new ArrayList<>(schema.getFields().size());
                schema.getFields().forEach(field -> fields.add(randomDatum(field.schema(), random)));
                yield fields;
            }
            case MAP -> {
                // At most one entry: a decoded map keeps no order, and re-encoding must give the same bytes.
                List<Object> entry = new ArrayList<>(2);
                if (random.nextBoolean()) {
                    entry.add(text(random));
                    entry.add(randomDatum(schema.getValueType(), random));
                }
                yield entry;
            }
        };
    }

    private static final int[] EDGE_INTS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 63, 64, -65};
    private static final long[] EDGE_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 31, -(1L << 31), 946_684_800_000L};
    /** Scripts of the customers (Slovenian, Turkish, Russian, Thai, German, CJK), emoji, controls and invisibles. */
    private static final String AWKWARD = "čšžČŠŽşğİıЖжЯяกขคงเ่้äöüßÄ中文字😀👍🏽\u0000\u0007\u001b\u007f\u0085"
            + "\u200b\u200c\u200d\u202e\u2066\ufeff\u0301\u0307\ufffd\ud800\udfff";

    /** Customer text: mostly short, any Unicode including what is awkward in UTF-8, sometimes long. */
    private static String text(Random random) {
        int shape = random.nextInt(10);
        int length = shape == 0 ? 100 + random.nextInt(300) : random.nextInt(13);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = shape == 0 ? 0 : random.nextInt(4);
            switch (kind) {
                case 0, 1 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
                default -> text.append((char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Corruptions of the first few sites of each kind, with the values that break decoders. */
    public static Gen<Corruption> corruptions() {
        return Generate.enumValues(Site.class).zip(integers().between(0, 6), hostileNumbers(), Corruption::new);
    }

    public static Gen<Mutation> mutations() {
        Gen<Integer> position = integers().between(0, 10_000);
        return Generate.oneOf(
                position.<Mutation>map(Truncation::new),
                position.<Integer, Mutation>zip(integers().between(1, 255), FlippedByte::new),
                Generate.byteArrays(integers().between(1, 8), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                        .<Mutation>map(TrailingBytes::new),
                position.<Long, Mutation>zip(hostileNumbers(), SplicedVarint::new));
    }

    /** Lengths, counts and indices that decoders get wrong: 2 GB, the int and long limits, negatives, near misses. */
    public static Gen<Long> hostileNumbers() {
        return Generate.oneOf(
                Generate.pick(List.of((long) Integer.MAX_VALUE, Integer.MAX_VALUE - 8L, 1L << 31, 2_000_000_000L, 1L << 62,
                        Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MIN_VALUE, -1L, -2L, 0L, 1L, 2L, 255L, 65_536L)),
                longs().between(-300, 300),
                longs().all());
    }

    /** The Confluent wire format: magic byte 0, the schema id big-endian, the Avro binary. */
    public static byte[] frame(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(schemaId).put(avro).array();
    }

    /** The valid encoding of {@code datum}, as Avro's own writer produces it (one block per array). */
    public static byte[] encode(Schema schema, Object datum) {
        return encode(schema, datum, null);
    }

    /** The encoding of {@code datum} with {@code corruption} applied, if the datum has that many such sites. */
    public static byte[] encode(Schema schema, Object datum, Corruption corruption) {
        Writer writer = new Writer(corruption);
        writer.datum(schema, datum);
        return writer.out.toByteArray();
    }

    private static final class Writer {

        // Invalid UTF-8: a lone continuation, an overlong '/', a surrogate, beyond U+10FFFF, a cut sequence.
        private static final byte[][] INVALID_UTF8 = {
                {(byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}};

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Corruption corruption;
        private final Map<Site, Integer> seen = new EnumMap<>(Site.class);

        private Writer(Corruption corruption) {
            this.corruption = corruption;
        }

        /** True once, at the corrupted occurrence of {@code site}. */
        private boolean corrupt(Site site) {
            if (corruption == null || corruption.site() != site) {
                return false;
            }
            return seen.merge(site, 1, Integer::sum) - 1 == corruption.nth();
        }

        @SuppressWarnings("unchecked")
        private void datum(Schema schema, Object datum) {
            switch (schema.getType()) {
                case NULL -> {
                }
                case BOOLEAN -> out.write(corrupt(Site.BOOLEAN) ? (int) (2 + Math.floorMod(corruption.value(), 254))
                        : (Boolean) datum ? 1 : 0);
                case INT -> writeLong(out, (Integer) datum);
                case LONG -> writeLong(out, (Long) datum);
                case FLOAT -> writeFixedLittleEndian(Float.floatToRawIntBits((Float) datum), 4);
                case DOUBLE -> writeFixedLittleEndian(Double.doubleToRawLongBits((Double) datum), 8);
                case STRING -> string(((String) datum).getBytes(StandardCharsets.UTF_8));
                case BYTES -> {
                    writeLong(out, ((byte[]) datum).length);
                    out.writeBytes((byte[]) datum);
                }
                case FIXED -> out.writeBytes((byte[]) datum);
                case ENUM -> writeLong(out, corrupt(Site.ENUM_INDEX) ? corruption.value() : (Integer) datum);
                case UNION -> {
                    Branch branch = (Branch) datum;
                    writeLong(out, corrupt(Site.UNION_INDEX) ? corruption.value() : branch.index());
                    datum(schema.getTypes().get(branch.index()), branch.value());
                }
                case ARRAY -> {
                    List<Object> items = (List<Object>) datum;
                    writeLong(out, corrupt(Site.ARRAY_COUNT) ? corruption.value() : items.size());
                    if (!items.isEmpty()) {
                        items.forEach(item -> datum(schema.getElementType(), item));
                        writeLong(out, 0);
                    }
                }
                case RECORD -> {
                    List<Object> fields = (List<Object>) datum;
                    for (int i = 0; i < fields.size(); i++) {
                        datum(schema.getFields().get(i).schema(), fields.get(i));
                    }
                }
                case MAP -> {
                    // A block count (corrupted like an array's), the key and value of the entry, the end.
                    List<Object> entry = (List<Object>) datum;
                    writeLong(out, corrupt(Site.ARRAY_COUNT) ? corruption.value() : entry.size() / 2);
                    if (!entry.isEmpty()) {
                        string(((String) entry.get(0)).getBytes(StandardCharsets.UTF_8));
                        datum(schema.getValueType(), entry.get(1));
                        writeLong(out, 0);
                    }
                }
            }
        }

        private void string(byte[] utf8) {
            if (corrupt(Site.STRING_LENGTH)) {
                writeLong(out, corruption.value());
                out.writeBytes(utf8);
            } else if (corrupt(Site.STRING_UTF8)) {
                byte[] invalid = INVALID_UTF8[(int) Math.floorMod(corruption.value(), INVALID_UTF8.length)];
                int at = utf8.length == 0 ? 0 : (int) Math.floorMod(corruption.value(), utf8.length + 1);
                // Never inside a valid sequence: at a boundary between code points.
                while (at < utf8.length && (utf8[at] & 0xc0) == 0x80) {
                    at++;
                }
                List<byte[]> parts = new ArrayList<>(List.of(Arrays.copyOf(utf8, at), invalid,
                        Arrays.copyOfRange(utf8, at, utf8.length)));
                writeLong(out, parts.stream().mapToInt(part -> part.length).sum());
                parts.forEach(out::writeBytes);
            } else {
                writeLong(out, utf8.length);
                out.writeBytes(utf8);
            }
        }

        private void writeFixedLittleEndian(long bits, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
        }
    }

    /** Avro's zig-zag varint. */
    private static void writeLong(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7f) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }
}
