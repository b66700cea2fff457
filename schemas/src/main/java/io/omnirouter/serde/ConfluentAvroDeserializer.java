package io.omnirouter.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Confluent-framed Avro records. The writer schema comes from the registry by the id in the
 * record; the reader schema is, in this order: a fixed SpecificRecord class ({@code omnirouter.value.type}
 * / {@code omnirouter.key.type} or the constructor), a fixed GenericRecord schema (constructor), the
 * generated class named like the writer schema ({@code specific.avro.reader=true}, the default), or the
 * writer schema itself (GenericRecord). Avro schema resolution bridges writer and reader versions. A
 * null record (tombstone) reads as null. A string that is not valid UTF-8 fails the record ({@link StrictUtf8}).
 * Thread-safe.
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private static final Logger log = LoggerFactory.getLogger(ConfluentAvroDeserializer.class);
    private static final DecoderFactory DECODERS = DecoderFactory.get();

    private final boolean injected;
    // Keyed by writer id alone: within one deserializer the reader schema is a function of the writer schema.
    private final ConcurrentMap<Integer, Reading> readings = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private SchemaRegistryClient registry;
    private boolean specificAvroReader;
    private Class<?> readerType;
    private Schema genericReaderSchema;

    /** How the records of one writer schema id are read. */
    private record Reading(int schemaId, Schema writerSchema, Schema readerSchema, DatumReader<Object> reader) {

        /** "io.omnirouter.channel.EmailEvent", plus the reader's name when a fixed reader type differs from it. */
        String describe() {
            return readerSchema.getFullName().equals(writerSchema.getFullName()) ? writerSchema.getFullName()
                    : writerSchema.getFullName() + ", read as " + readerSchema.getFullName();
        }
    }

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public ConfluentAvroDeserializer() {
        this.injected = false;
    }

    /** Reads into the generated class named like each writer schema, GenericRecord where there is none. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry) {
        this(registry, true, null, null);
    }

    /** {@code specificAvroReader=false} always reads GenericRecord with the writer schema. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, boolean specificAvroReader) {
        this(registry, specificAvroReader, null, null);
    }

    /** Reads every record into {@code readerType}, whatever writer schema version it was written with. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Class<T> readerType) {
        this(registry, true, Objects.requireNonNull(readerType, "readerType"), null);
    }

    /**
     * Reads every record as a GenericRecord of {@code readerSchema}, whatever schema version it was
     * written with: for consumers without generated classes that still want one stable shape.
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this(registry, false, null, Objects.requireNonNull(readerSchema, "readerSchema"));
    }

    /**
     * A later {@link #configure} call (Spring's consumer factory makes one) keeps the client and options
     * given here.
     */
    private ConfluentAvroDeserializer(SchemaRegistryClient registry, boolean specificAvroReader, Class<?> readerType,
                                      Schema genericReaderSchema) {
        this.injected = true;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.specificAvroReader = specificAvroReader;
        this.readerType = checkedReaderType(readerType, "readerType");
        this.genericReaderSchema = genericReaderSchema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (!injected) {
            SerdeConfig config = SerdeConfig.parse(configs);
            this.registry = new SchemaRegistryClient(config.registry());
            this.specificAvroReader = config.specificAvroReader();
            this.readerType = checkedReaderType(config.readerType(isKey), isKey ? SerdeConfig.KEY_TYPE : SerdeConfig.VALUE_TYPE);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        WireFormat.Unframed framed = WireFormat.unframe(data);
        Reading reading = readingFor(framed.schemaId());
        ByteBuffer payload = framed.payload();
        BinaryDecoder decoder = DECODERS.binaryDecoder(payload.array(), payload.arrayOffset(), payload.remaining(), decoders.get());
        decoders.set(decoder);
        Object value;
        int leftOver;
        try {
            value = reading.reader().read(null, decoder);
            leftOver = decoder.isEnd() ? 0 : decoder.inputStream().available();
            if (leftOver == 0 && StrictUtf8.mayHoldMalformed(value)) {
                StrictUtf8.check(reading.writerSchema(), payload.array(), payload.arrayOffset(), payload.remaining());
            }
        } catch (EOFException e) {
            throw decodeFailure(reading, "truncated, the " + payload.remaining()
                    + "-byte payload ended before the record was complete" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        } catch (IOException | RuntimeException e) {
            throw decodeFailure(reading, "invalid data (" + summary(e) + ")", e);
        }
        if (leftOver > 0) {
            // Confluent's deserializer would ignore these, but they mean the id does not match the bytes.
            throw decodeFailure(reading, leftOver + " byte(s) left over after the record in a " + payload.remaining()
                    + "-byte payload; the bytes do not match the writer schema", null);
        }
        return (T) value;
    }

    private Reading readingFor(int schemaId) {
        Reading reading = readings.get(schemaId);
        if (reading != null) {
            return reading;
        }
        reading = newReading(schemaId, registry().schemaById(schemaId));
        log.debug("Reading schema id {} as {}", schemaId, reading.describe());
        Reading previous = readings.putIfAbsent(schemaId, reading);
        return previous != null ? previous : reading;
    }

    private Reading newReading(int schemaId, Schema writer) {
        Class<?> specific = readerType != null ? readerType : specificAvroReader ? generatedClassFor(schemaId, writer) : null;
        if (specific == null) {
            Schema readerSchema = genericReaderSchema != null ? genericReaderSchema : writer;
            return new Reading(schemaId, writer, readerSchema, new GenericDatumReader<>(writer, readerSchema, GenericData.get()));
        }
        // The class's own SpecificData (MODEL$) carries the logical-type conversions it was generated with.
        SpecificData model = SpecificData.getForClass(specific);
        Schema readerSchema = model.getSchema(specific);
        return new Reading(schemaId, writer, readerSchema, new SpecificDatumReader<>(writer, readerSchema, model));
    }

    private static Class<?> generatedClassFor(int schemaId, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return null;
        }
        Class<?> generated;
        try {
            generated = SpecificData.get().getClass(writer);
        } catch (SecurityException e) {
            throw new AvroDecodeException(schemaId, "records of schema id " + schemaId + " (" + writer.getFullName()
                    + ") cannot be read: Avro does not trust the class " + writer.getFullName()
                    + "; add its package to the system property org.apache.avro.SERIALIZABLE_PACKAGES", e);
        }
        return generated != null && SpecificRecord.class.isAssignableFrom(generated) ? generated : null;
    }

    private SchemaRegistryClient registry() {
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: call configure() or pass a SchemaRegistryClient");
        }
        return registry;
    }

    private static Class<?> checkedReaderType(Class<?> type, String name) {
        if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(name + " must be a generated Avro SpecificRecord class, got " + type.getName());
        }
        return type;
    }

    private static AvroDecodeException decodeFailure(Reading reading, String problem, Throwable cause) {
        return new AvroDecodeException(reading.schemaId(), "Avro payload of schema id " + reading.schemaId() + " ("
                + reading.describe() + ") could not be decoded: " + problem, cause);
    }

    private static String summary(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
