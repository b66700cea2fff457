package io.omnirouter.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (SpecificRecord or GenericRecord) in the Confluent wire format, with the subject
 * {@code <topic>-value} / {@code <topic>-key}. Thread-safe: {@code KafkaProducer.send} serializes on the
 * calling thread.
 *
 * <p>Configured by Kafka from {@code schema.registry.url}, {@code auto.register.schemas},
 * {@code basic.auth.user.info} (see {@link SerdeConfig}), or built around a shared
 * {@link SchemaRegistryClient}.
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

    private static final EncoderFactory ENCODERS = EncoderFactory.get();
    // A thread keeps its output buffer between records; one that grew past this is dropped after use.
    private static final int MAX_RETAINED_BUFFER = 1 << 20;

    private final boolean injected;
    private final ConcurrentMap<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);
    private SchemaRegistryClient registry;
    private boolean autoRegisterSchemas;
    private boolean isKey;

    private record WriterKey(Schema schema, boolean specific) {
    }

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }

    /** For Kafka's reflective instantiation; {@link #configure} must follow. */
    public ConfluentAvroSerializer() {
        this.injected = false;
    }

    /**
     * For programmatic wiring. A later {@link #configure} call (Spring's producer factory makes one) only
     * sets whether this serializes keys or values; the client and options given here stay. Without that
     * call it serializes values.
     */
    public ConfluentAvroSerializer(SchemaRegistryClient registry, boolean autoRegisterSchemas) {
        this.injected = true;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegisterSchemas = autoRegisterSchemas;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (!injected) {
            SerdeConfig config = SerdeConfig.parse(configs);
            this.registry = new SchemaRegistryClient(config.registry());
            this.autoRegisterSchemas = config.autoRegisterSchemas();
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof IndexedRecord record)) {
            throw new SerializationException("ConfluentAvroSerializer writes Avro records (SpecificRecord or GenericRecord), got "
                    + data.getClass().getName() + " for topic '" + topic + "'");
        }
        Schema schema = record.getSchema();
        String subject = TopicNameStrategy.subject(topic, isKey);
        int id = schemaId(subject, schema);

        Output output = outputs.get();
        output.bytes.reset();
        WireFormat.writeHeader(output.bytes, id);
        try {
            output.encoder = ENCODERS.binaryEncoder(output.bytes, output.encoder);
            writerFor(record).write(record, output.encoder);
            output.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new AvroEncodeException("record of schema " + schema.getFullName() + " (id " + id + ", subject '" + subject
                    + "') could not be encoded: " + e.getMessage(), e);
        }
        byte[] framed = output.bytes.toByteArray();
        if (framed.length > MAX_RETAINED_BUFFER) {
            outputs.remove();
        }
        return framed;
    }

    private int schemaId(String subject, Schema schema) {
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: call configure() or pass a SchemaRegistryClient");
        }
        if (autoRegisterSchemas) {
            return registry.register(subject, schema);
        }
        try {
            return registry.idOf(subject, schema);
        } catch (SchemaNotRegisteredException e) {
            throw new SchemaNotRegisteredException(subject, e.getMessage() + "; auto.register.schemas is false, so the schema"
                    + " must be registered before records are written", e);
        }
    }

    private DatumWriter<Object> writerFor(IndexedRecord record) {
        // Generated classes carry their own SpecificData (MODEL$) with the logical-type conversions they need.
        return writers.computeIfAbsent(new WriterKey(record.getSchema(), record instanceof SpecificRecord),
                key -> key.specific()
                        ? new SpecificDatumWriter<>(key.schema(), SpecificData.getForClass(record.getClass()))
                        : new GenericDatumWriter<>(key.schema(), GenericData.get()));
    }
}
