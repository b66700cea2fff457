package io.omnirouter.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.util.internal.JacksonUtils;

/**
 * Avro's JSON encoding, read strictly enough to catch mistakes and leniently enough for hand-written files.
 *
 * <p>Input is Avro's JSON encoding of the schema, with three conveniences: a field with a default (every
 * nullable {@code ?} field of the contract) may be left out; a union value may be given bare
 * ({@code "a@b.c"}) instead of wrapped ({@code {"string": "a@b.c"}}) when only one branch fits; a
 * {@code timestamp-millis} may be an ISO-8601 string ({@code "2026-03-01T09:30:00Z"}). Unknown fields, wrong
 * types and unknown enum symbols are errors naming the field path. Output ({@link #encode}) is Avro's own
 * JSON encoding, which this reads back unchanged.
 */
final class AvroJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {
    }

    /** A problem with one input value, naming where it is. */
    static final class InvalidJsonException extends RuntimeException {
        InvalidJsonException(String message) {
            super(message);
        }
    }

    /** Parses one line of Avro JSON into a record of {@code schema}. */
    static GenericRecord decode(Schema schema, String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new InvalidJsonException("not valid JSON" + where + ": " + ErrorMessages.oneLine(e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidJsonException("empty line");
        }
        JsonNode normalized = normalize(tree, schema, "");
        try {
            return new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().jsonDecoder(schema, JSON.writeValueAsString(normalized)));
        } catch (IOException | AvroRuntimeException e) {
            throw new InvalidJsonException("not a valid " + schema.getFullName() + ": " + ErrorMessages.firstMessage(e));
        }
    }

    /** Avro's JSON encoding of a record (or any datum) of {@code schema}, on one line. */
    static String encode(Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out, false);
            new GenericDatumWriter<>(schema, GenericData.get()).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@code json} rewritten into Avro's strict JSON encoding of {@code schema}. */
    static JsonNode normalize(JsonNode json, Schema schema, String path) {
        switch (schema.getType()) {
            case RECORD:
                return record(json, schema, path);
            case UNION:
                return union(json, schema, path);
            case ARRAY: {
                if (!json.isArray()) {
                    throw mismatch(path, "an array", json);
                }
                ArrayNode items = NODES.arrayNode();
                for (int i = 0; i < json.size(); i++) {
                    items.add(normalize(json.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                return items;
            }
            case MAP: {
                if (!json.isObject()) {
                    throw mismatch(path, "an object (map)", json);
                }
                ObjectNode map = NODES.objectNode();
                for (Map.Entry<String, JsonNode> e : json.properties()) {
                    map.set(e.getKey(), normalize(e.getValue(), schema.getValueType(), child(path, e.getKey())));
                }
                return map;
            }
            case ENUM:
                if (!json.isTextual()) {
                    throw mismatch(path, "one of " + String.join(", ", schema.getEnumSymbols()), json);
                }
                if (!schema.hasEnumSymbol(json.textValue())) {
                    throw new InvalidJsonException(where(path) + "unknown symbol '" + json.textValue() + "' of enum "
                            + schema.getName() + " (one of " + String.join(", ", schema.getEnumSymbols()) + ")");
                }
                return json;
            case STRING:
                if (!json.isTextual()) {
                    throw mismatch(path, "a string", json);
                }
                return json;
            case BYTES:
            case FIXED:
                if (!json.isTextual()) {
                    throw mismatch(path, "a string of bytes", json);
                }
                return json;
            case INT:
            case LONG:
                return integral(json, schema, path);
            case FLOAT:
            case DOUBLE:
                if (!json.isNumber()) {
                    throw mismatch(path, "a number", json);
                }
                return json;
            case BOOLEAN:
                if (!json.isBoolean()) {
                    throw mismatch(path, "true or false", json);
                }
                return json;
            case NULL:
                if (!json.isNull()) {
                    throw mismatch(path, "null", json);
                }
                return json;
            default:
                throw new IllegalStateException("unexpected Avro type " + schema.getType());
        }
    }

    private static JsonNode record(JsonNode json, Schema schema, String path) {
        if (!json.isObject()) {
            throw mismatch(path, "an object (" + schema.getName() + ")", json);
        }
        for (Map.Entry<String, JsonNode> property : json.properties()) {
            String name = property.getKey();
            if (schema.getField(name) == null) {
                throw new InvalidJsonException("unknown field '" + child(path, name) + "' (" + schema.getName() + " has "
                        + schema.getFields().stream().map(Schema.Field::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = json.get(field.name());
            String fieldPath = child(path, field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new InvalidJsonException("missing field '" + fieldPath + "'");
                }
                out.set(field.name(), defaultValue(field));
            } else {
                out.set(field.name(), normalize(value, field.schema(), fieldPath));
            }
        }
        return out;
    }

    /** The field's default in Avro's JSON encoding: a non-null union default is wrapped in its (first) branch. */
    private static JsonNode defaultValue(Schema.Field field) {
        Object avroDefault = field.defaultVal();
        if (avroDefault == null || avroDefault == JsonProperties.NULL_VALUE) {
            return NullNode.getInstance();
        }
        JsonNode node = JacksonUtils.toJsonNode(avroDefault);
        if (field.schema().getType() == Schema.Type.UNION) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.set(branchName(field.schema().getTypes().get(0)), node);
            return wrapped;
        }
        return node;
    }

    private static JsonNode union(JsonNode json, Schema union, String path) {
        List<Schema> branches = union.getTypes();
        if (json.isNull()) {
            if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
                return json;
            }
            throw mismatch(path, describe(branches), json);
        }
        if (json.isObject() && json.size() == 1) {
            String key = json.properties().iterator().next().getKey();
            for (Schema branch : branches) {
                if (branchName(branch).equals(key) || (isNamed(branch) && branch.getName().equals(key))) {
                    ObjectNode wrapped = NODES.objectNode();
                    wrapped.set(branchName(branch), normalize(json.get(key), branch, path));
                    return wrapped;
                }
            }
        }
        // A bare value: the one branch it fits.
        List<String> problems = new ArrayList<>();
        for (Schema branch : branches) {
            if (branch.getType() == Schema.Type.NULL || !plausible(json, branch)) {
                continue;
            }
            try {
                ObjectNode wrapped = NODES.objectNode();
                wrapped.set(branchName(branch), normalize(json, branch, path));
                return wrapped;
            } catch (InvalidJsonException e) {
                problems.add(e.getMessage());
            }
        }
        if (problems.size() == 1) {
            throw new InvalidJsonException(problems.get(0));
        }
        throw mismatch(path, describe(branches), json);
    }

    private static boolean plausible(JsonNode json, Schema branch) {
        switch (branch.getType()) {
            case RECORD:
            case MAP:
                return json.isObject();
            case ARRAY:
                return json.isArray();
            case STRING:
            case ENUM:
            case BYTES:
            case FIXED:
                return json.isTextual();
            case INT:
            case LONG:
                return json.isIntegralNumber() || (json.isTextual() && branch.getLogicalType() != null);
            case FLOAT:
            case DOUBLE:
                return json.isNumber();
            case BOOLEAN:
                return json.isBoolean();
            default:
                return false;
        }
    }

    private static JsonNode integral(JsonNode json, Schema schema, String path) {
        LogicalType logical = schema.getLogicalType();
        if (json.isTextual() && logical != null) {
            return NODES.numberNode(temporal(json.textValue(), logical.getName(), path));
        }
        if (!json.isIntegralNumber()) {
            String expected = schema.getType() == Schema.Type.INT ? "an int" : "a long";
            if (logical != null && logical.getName().startsWith("timestamp")) {
                expected = "a " + logical.getName() + " (epoch number or ISO-8601 string)";
            }
            throw mismatch(path, expected, json);
        }
        if (schema.getType() == Schema.Type.INT && !json.canConvertToInt()) {
            throw mismatch(path, "an int (32 bit)", json);
        }
        if (!json.canConvertToLong()) {
            throw mismatch(path, "a long (64 bit)", json);
        }
        return json;
    }

    private static long temporal(String text, String logicalType, String path) {
        try {
            switch (logicalType) {
                case "timestamp-millis":
                case "local-timestamp-millis":
                    return instant(text).toEpochMilli();
                case "timestamp-micros":
                case "local-timestamp-micros":
                    return ChronoUnit.MICROS.between(Instant.EPOCH, instant(text));
                case "date":
                    return LocalDate.parse(text).toEpochDay();
                default:
                    break;
            }
        } catch (DateTimeParseException e) {
            throw new InvalidJsonException(where(path) + "'" + text + "' is not an ISO-8601 "
                    + (logicalType.equals("date") ? "date (2026-03-01)" : "timestamp (2026-03-01T09:30:00Z)"));
        }
        throw new InvalidJsonException(where(path) + "expected a number for logical type " + logicalType + ", got '" + text + "'");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    private static boolean isNamed(Schema schema) {
        return schema.getType() == Schema.Type.RECORD || schema.getType() == Schema.Type.ENUM
                || schema.getType() == Schema.Type.FIXED;
    }

    /** The key Avro's JSON encoding wraps a union value in: the full name of a named type, else the type. */
    static String branchName(Schema branch) {
        return isNamed(branch) ? branch.getFullName() : branch.getType().getName();
    }

    private static String describe(List<Schema> branches) {
        return branches.stream().map(b -> isNamed(b) ? b.getName() : b.getType().getName())
                .collect(Collectors.joining(" or "));
    }

    private static InvalidJsonException mismatch(String path, String expected, JsonNode got) {
        return new InvalidJsonException(where(path) + "expected " + expected + ", got " + abbreviate(got));
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.isObject() ? "an object" : node.isArray() ? "an array" : node.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
