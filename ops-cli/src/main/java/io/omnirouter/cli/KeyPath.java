package io.omnirouter.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.generic.GenericRecord;

/**
 * A dotted field path ({@code customer.shopCustomerId}) into a record, checked against the schema once, that
 * yields a record key: the field's value as a string, or null when the field (or a record on the way) is null.
 */
final class KeyPath {

    private final String path;

    private KeyPath(String path) {
        this.path = path;
    }

    /**
     * @throws CliException if a name on the path is not a field, or the path ends on a record, array or map
     */
    static KeyPath of(Schema schema, String path) {
        if (path == null || path.isBlank()) {
            throw new CliException("empty key field path");
        }
        List<String> names = List.of(path.strip().split("\\."));
        Schema current = schema;
        List<String> walked = new ArrayList<>();
        for (String name : names) {
            Schema record = nonNull(current);
            if (record.getType() != Schema.Type.RECORD) {
                throw new CliException("key field '" + path + "': '" + String.join(".", walked) + "' is not a record");
            }
            Schema.Field field = record.getField(name);
            if (field == null) {
                throw new CliException("key field '" + path + "': " + record.getName() + " has no field '" + name + "' (fields: "
                        + record.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", ")) + ")");
            }
            walked.add(name);
            current = field.schema();
        }
        Schema.Type leaf = nonNull(current).getType();
        if (leaf == Schema.Type.RECORD || leaf == Schema.Type.ARRAY || leaf == Schema.Type.MAP || leaf == Schema.Type.UNION) {
            throw new CliException("key field '" + path + "' is a " + leaf.getName() + ", not a single value");
        }
        return new KeyPath(path.strip());
    }

    /** The first key among {@code paths} that is neither null nor blank, or null: as {@code ContractTopic.recordKey} keys. */
    static String firstKey(List<KeyPath> paths, GenericRecord record) {
        return ContractTopic.firstKey(paths.stream().map(KeyPath::path).toList(), record).orElse(null);
    }

    /** The path's value in {@code record}, stripped; null when it is null or blank. */
    String keyOf(GenericRecord record) {
        return ContractTopic.firstKey(List.of(path), record).orElse(null);
    }

    String path() {
        return path;
    }

    @Override
    public String toString() {
        return path;
    }

    /** The non-null branch of a nullable union, else the schema itself. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).collect(Collectors.toList());
        return branches.size() == 1 ? branches.get(0) : schema;
    }
}
