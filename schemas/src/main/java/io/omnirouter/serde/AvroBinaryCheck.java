package io.omnirouter.serde;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * Checks that a payload is exactly one datum of the writer schema in Avro's binary encoding, before Avro
 * reads it, without allocating anything in proportion to what the bytes claim.
 *
 * <p>Why by hand: Avro's own reader (1.12.2) already refuses a string, bytes or array length beyond the
 * bytes of an in-memory source before it allocates (the fuzzing confirmed it), but it turns invalid UTF-8
 * silently into U+FFFD (the customer's text would be stored altered), reads any boolean byte other than 1
 * as false, and reports problems without an offset. Older Avro versions and stream sources allocated a
 * declared length before finding the bytes missing; this walk keeps "no decoder allocates more than the
 * record's size" independent of that. Every declared length is compared with the bytes that remain; union
 * branch and enum indices, booleans, varint lengths (at most 5 or 10 bytes) and UTF-8 are checked, and so is
 * that nothing is left after the datum. It allocates nothing in proportion to the data.
 *
 * <p>Rules beyond the Avro specification, which no writer of real data breaks: an array or map block may not
 * declare more items than bytes remain (each item of the contract takes at least one byte), and data may not
 * nest deeper than {@value #MAX_DEPTH} levels (so that a recursive schema cannot overflow the stack).
 */
final class AvroBinaryCheck {

    static final int MAX_DEPTH = 100;

    /** How a payload fails to be one datum of its writer schema. */
    enum Problem {
        /** It ended before the datum did, or declares more than it holds. */
        TRUNCATED,
        /** Its bytes cannot be that datum (index out of range, invalid UTF-8, negative length...). */
        INVALID,
        /** A whole datum, then more bytes. */
        LEFT_OVER
    }

    /** Why a payload is not a datum of its writer schema. */
    static final class Malformed extends Exception {

        private final Problem problem;

        private Malformed(Problem problem, String reason) {
            // No stack trace: this is a verdict on data, thrown once per bad record, not a bug to locate.
            super(reason, null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;
    // Per schema: the fewest bytes one datum can take (records and unions computed once per walk).
    private final Map<Schema, Integer> minimumSizes = new IdentityHashMap<>();

    private AvroBinaryCheck(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /**
     * @throws Malformed with a reason that names the offset (from the start of the payload) and the problem,
     *         never the data
     */
    static void check(Schema writer, byte[] buf, int offset, int length) throws Malformed {
        AvroBinaryCheck walk = new AvroBinaryCheck(buf, offset, length);
        walk.datum(writer, 0);
        if (walk.pos != walk.end) {
            throw new Malformed(Problem.LEFT_OVER, (walk.end - walk.pos) + " byte(s) left over after the record in a " + length
                    + "-byte payload; the bytes do not match the writer schema");
        }
    }

    private void datum(Schema schema, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw invalid("nested deeper than " + MAX_DEPTH + " levels at offset " + offset());
        }
        switch (schema.getType()) {
            case NULL -> {
            }
            case BOOLEAN -> {
                int at = offset();
                int value = take(1, "a boolean");
                if (value > 1) {
                    throw invalid(String.format("a boolean at offset %d is 0x%02x, not 0 or 1", at, value));
                }
            }
            case INT -> readInt("an int");
            case LONG -> readLong("a long");
            case FLOAT -> skip(4, "a float");
            case DOUBLE -> skip(8, "a double");
            case STRING -> {
                int at = offset();
                utf8(at, length("a string"));
            }
            case BYTES -> skip(length("a bytes value"), "a bytes value");
            case FIXED -> skip(schema.getFixedSize(), "a fixed " + schema.getFullName());
            case ENUM -> {
                int at = offset();
                int index = readInt("an enum index");
                if (index < 0 || index >= schema.getEnumSymbols().size()) {
                    throw invalid("enum " + schema.getFullName() + " at offset " + at + " has index " + index
                            + ", but only " + schema.getEnumSymbols().size() + " symbols");
                }
            }
            case UNION -> {
                int at = offset();
                int index = readInt("a union branch index");
                List<Schema> branches = schema.getTypes();
                if (index < 0 || index >= branches.size()) {
                    throw invalid("union at offset " + at + " selects branch " + index + ", but it has only "
                            + branches.size() + " branches " + branchNames(branches));
                }
                datum(branches.get(index), depth + 1);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    datum(field.schema(), depth + 1);
                }
            }
            case ARRAY -> blocks(schema.getElementType(), null, depth);
            case MAP -> blocks(schema.getValueType(), Schema.create(Schema.Type.STRING), depth);
        }
    }

    /** Arrays and maps: blocks of items, each block a count (negative: followed by its size in bytes), 0 ends. */
    private void blocks(Schema items, Schema keys, int depth) throws Malformed {
        String what = keys == null ? "an array" : "a map";
        int itemSize = Math.max(1, minimumSize(items) + (keys == null ? 0 : 1));
        while (true) {
            int at = offset();
            long count = readLong(what + " block count");
            if (count == 0) {
                return;
            }
            if (count < 0) {
                if (count == Long.MIN_VALUE) {
                    throw invalid(what + " block at offset " + at + " declares " + count + " items");
                }
                count = -count;
                long size = readLong(what + " block size");
                if (size < 0) {
                    throw invalid(what + " block at offset " + at + " declares a negative size " + size);
                }
            }
            if (count > remaining() / itemSize) {
                throw truncated(what + " block at offset " + at + " declares " + count + " items, but only "
                        + remaining() + " bytes remain");
            }
            for (long i = 0; i < count; i++) {
                if (keys != null) {
                    datum(keys, depth + 1);
                }
                datum(items, depth + 1);
            }
        }
    }

    /** The fewest bytes a datum of {@code schema} takes; the guard against "a billion nulls in three bytes". */
    private int minimumSize(Schema schema) {
        Integer known = minimumSizes.get(schema);
        if (known != null) {
            return known;
        }
        // A recursive schema refers back to a record being computed: count that reference as 0 bytes.
        minimumSizes.put(schema, 0);
        int size = switch (schema.getType()) {
            case NULL -> 0;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            case FIXED -> schema.getFixedSize();
            case RECORD -> (int) Math.min(Integer.MAX_VALUE,
                    schema.getFields().stream().mapToLong(field -> minimumSize(field.schema())).sum());
            case UNION -> 1 + schema.getTypes().stream().mapToInt(this::minimumSize).min().orElse(0);
            default -> 1; // boolean, int, long, enum, string, bytes, array, map: at least one byte
        };
        minimumSizes.put(schema, size);
        return size;
    }

    private long length(String what) throws Malformed {
        int at = offset();
        long length = readLong(what + " length");
        if (length < 0) {
            throw invalid(what + " at offset " + at + " declares a negative length " + length);
        }
        if (length > remaining()) {
            throw truncated(what + " at offset " + at + " declares " + length + " bytes, but only " + remaining() + " remain");
        }
        return length;
    }

    /**
     * Validates UTF-8 as Java's decoder would accept it without replacement: no overlong forms, no
     * surrogates, nothing above U+10FFFF. Hand-written because a CharsetDecoder needs a CharBuffer per string.
     */
    private void utf8(int at, long length) throws Malformed {
        int stringStart = pos;
        int stringEnd = pos + (int) length;
        int i = stringStart;
        while (i < stringEnd) {
            int b = buf[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int continuation;
            int min;
            int lowest;
            if (b >= 0xc2 && b <= 0xdf) {
                continuation = 1;
                lowest = b & 0x1f;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                continuation = 2;
                lowest = b & 0x0f;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                continuation = 3;
                lowest = b & 0x07;
                min = 0x10000;
            } else {
                throw invalidUtf8(at, stringStart, i);
            }
            if (i + continuation >= stringEnd) {
                throw invalidUtf8(at, stringStart, i);
            }
            int codePoint = lowest;
            for (int k = 1; k <= continuation; k++) {
                int next = buf[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    throw invalidUtf8(at, stringStart, i);
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                throw invalidUtf8(at, stringStart, i);
            }
            i += 1 + continuation;
        }
        pos = stringEnd;
    }

    private static Malformed invalidUtf8(int at, int stringStart, int bad) {
        return invalid("a string at offset " + at + " is not valid UTF-8 (its byte " + (bad - stringStart) + ")");
    }

    /** Avro's zig-zag varint int: at most 5 bytes. */
    private int readInt(String what) throws Malformed {
        int n = (int) varint(what, 5);
        return (n >>> 1) ^ -(n & 1);
    }

    /** Avro's zig-zag varint long: at most 10 bytes. */
    private long readLong(String what) throws Malformed {
        long n = varint(what, 10);
        return (n >>> 1) ^ -(n & 1);
    }

    /** The raw (still zig-zagged) bits of a varint of at most {@code maxBytes} bytes. */
    private long varint(String what, int maxBytes) throws Malformed {
        int at = offset();
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = take(1, what);
            raw |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return raw;
            }
        }
        throw invalid(what + " at offset " + at + " is a varint longer than " + maxBytes + " bytes");
    }

    /** One byte, unsigned; for {@code count == 1} only. */
    private int take(int count, String what) throws Malformed {
        skip(count, what);
        return buf[pos - 1] & 0xff;
    }

    private void skip(long count, String what) throws Malformed {
        if (count > remaining()) {
            throw truncated(what + " at offset " + offset() + " needs " + count + " byte(s), but only " + remaining() + " remain");
        }
        pos += (int) count;
    }

    private int remaining() {
        return end - pos;
    }

    private int offset() {
        return pos - start;
    }

    private static String branchNames(List<Schema> branches) {
        return branches.stream().map(Schema::getName).toList().toString();
    }

    private static Malformed invalid(String reason) {
        return new Malformed(Problem.INVALID, reason);
    }

    private static Malformed truncated(String reason) {
        return new Malformed(Problem.TRUNCATED, reason);
    }
}
