package io.omnirouter.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads and validates every line of a JSONL file before anything is published. Blank lines are skipped;
 * line numbers are those of the file (1-based).
 */
final class JsonLines {

    /** How {@code --raw} lines become record values. */
    enum RawEncoding {
        /** The line's UTF-8 bytes, as they are. */
        TEXT,
        /** The line is base64 of the bytes to publish (for binary test records, e.g. a truncated Avro payload). */
        BASE64
    }

    /** One record to publish: {@code record} is null in raw mode. */
    record Entry(int lineNumber, String key, GenericRecord record, byte[] rawValue) {
    }

    record Problem(int lineNumber, String message) {
    }

    record Result(List<Entry> entries, List<Problem> problems) {

        boolean valid() {
            return problems.isEmpty();
        }

        /** One line describing the first problem and how many more there are. */
        String summary(String fileName) {
            Problem first = problems.get(0);
            String more = problems.size() == 1 ? ""
                    : " (and " + (problems.size() - 1) + " more invalid line" + (problems.size() == 2 ? "" : "s") + ": "
                    + problems.stream().skip(1).limit(10).map(p -> Integer.toString(p.lineNumber())).collect(Collectors.joining(", "))
                    + (problems.size() > 11 ? ", …" : "") + ")";
            return fileName + " line " + first.lineNumber() + ": " + first.message() + more;
        }
    }

    private final Schema schema;
    private final List<KeyPath> keyPaths;
    private final String fixedKey;

    /**
     * @param keyPaths the first of these neither null nor blank gives the key, unless {@code fixedKey} is set
     * @param fixedKey one key for every record, or null
     */
    JsonLines(Schema schema, List<KeyPath> keyPaths, String fixedKey) {
        this.schema = schema;
        this.keyPaths = List.copyOf(keyPaths);
        this.fixedKey = fixedKey;
    }

    /** Every non-blank line must be a record of the schema in Avro JSON, with a key. */
    Result parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = text(lines, i);
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            GenericRecord record;
            try {
                record = AvroJson.decode(schema, line);
            } catch (AvroJson.InvalidJsonException e) {
                problems.add(new Problem(lineNumber, e.getMessage()));
                continue;
            }
            String key = fixedKey != null ? fixedKey : KeyPath.firstKey(keyPaths, record);
            if (key == null) {
                problems.add(new Problem(lineNumber, "no record key: " + describeKeyPaths() + " null or blank"));
                continue;
            }
            entries.add(new Entry(lineNumber, key, record, null));
        }
        return new Result(entries, problems);
    }

    /**
     * {@code --raw}: every non-blank line is published as it is (or base64-decoded). The key is the fixed key,
     * else the key field if the line happens to be a valid record, else none.
     */
    Result parseRaw(List<String> lines, RawEncoding encoding) {
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = text(lines, i);
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            byte[] value;
            if (encoding == RawEncoding.BASE64) {
                try {
                    value = Base64.getDecoder().decode(line.strip());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(lineNumber, "not valid base64: " + e.getMessage()));
                    continue;
                }
            } else {
                value = line.getBytes(StandardCharsets.UTF_8);
            }
            entries.add(new Entry(lineNumber, fixedKey != null ? fixedKey : bestEffortKey(line), null, value));
        }
        return new Result(entries, problems);
    }

    private String bestEffortKey(String line) {
        try {
            return KeyPath.firstKey(keyPaths, AvroJson.decode(schema, line));
        } catch (AvroJson.InvalidJsonException e) {
            return null;
        }
    }

    private String describeKeyPaths() {
        if (keyPaths.size() == 1) {
            return "key field '" + keyPaths.get(0) + "' is";
        }
        return "key fields " + keyPaths.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ")) + " are all";
    }

    /** The line, without a byte-order mark at the start of the file. */
    private static String text(List<String> lines, int index) {
        String line = lines.get(index);
        return index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
