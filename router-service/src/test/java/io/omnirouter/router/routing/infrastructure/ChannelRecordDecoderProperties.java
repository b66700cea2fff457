package io.omnirouter.router.routing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.AvroDecodeException;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.UnknownSchemaIdException;
import io.omnirouter.serde.WireFormatException;
import io.omnirouter.testing.avro.Decoding;
import io.omnirouter.testing.avro.HostileAvro;
import io.omnirouter.testing.avro.HostileAvro.Mutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile channel records against the router's decoder (issue 10): whatever arrives on a channel topic,
 * {@link ChannelRecordDecoder#decode} returns the event of that topic's schema or throws what the listener
 * dead-letters with a reason ({@link RejectedEventException} or the serde's rejections), and allocates no
 * more than a fixed 64 KiB plus 64 bytes per record byte (see the serde's properties for why 64).
 */
class ChannelRecordDecoderProperties {

    private static final List<String> CHANNEL_TOPICS = Arrays.stream(ContractTopic.channels()).map(ContractTopic::topic).toList();
    private static final Map<Integer, Schema> SCHEMAS = new TreeMap<>();

    static {
        int id = 1;
        for (ContractTopic topic : ContractTopic.values()) {
            SCHEMAS.put(id++, topic.valueSchema());
        }
        // What adapters get wrong: their own record type, and a bare string, registered under a channel subject.
        SCHEMAS.put(id++, new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Ticket\", \"namespace\": \"com.acme.crm\","
                + " \"fields\": [{\"name\": \"subject\", \"type\": \"string\"}, {\"name\": \"open\", \"type\": \"boolean\"}]}"));
        SCHEMAS.put(id, Schema.create(Schema.Type.STRING));
    }

    private final ChannelRecordDecoder decoder = new ChannelRecordDecoder(new ConfluentAvroDeserializer<>(
            new SchemaRegistryClient("http://in-test-schema-table.invalid") {
                @Override
                public Schema schemaById(int id) {
                    return Optional.ofNullable(SCHEMAS.get(id)).orElseThrow(() -> new UnknownSchemaIdException(id, "the in-test schema table"));
                }
            }, true));

    ChannelRecordDecoderProperties() {
        // The first record of a schema id builds its reader: a cost of the schema, not of a record.
        SCHEMAS.forEach((id, schema) -> Decoding.of(() -> decode("channel.email",
                HostileAvro.frame(id, HostileAvro.encode(schema, HostileAvro.sampleDatum(schema))))));
    }

    @Test
    void arbitraryValuesAreDeadLetteredWithAReason() {
        qt().forAll(channelTopics(), values()).checkAssert(this::assertRoutableOrDeadLettered);
    }

    @Test
    void recordsOfAnySchemaOnAnyChannelAreTheTopicsEventOrDeadLettered() {
        qt().forAll(channelTopics(), written(), mutations()).checkAssert((topic, written, mutations) -> {
            byte[] record = HostileAvro.frame(written.schemaId(), HostileAvro.encode(written.schema(), written.datum()));
            for (Mutation mutation : mutations) {
                record = mutation.applyTo(record);
            }

            SpecificRecord event = assertRoutableOrDeadLettered(topic, record);

            if (mutations.isEmpty() && topic.equals(topicOf(written.schema()))) {
                assertThat(event).as("a valid event on its own topic").isNotNull();
            }
        });
    }

    /** A record as an adapter may write it: a schema id of the table and a datum of that schema. */
    record Written(int schemaId, Object datum) {

        Schema schema() {
            return SCHEMAS.get(schemaId);
        }
    }

    @Test
    void aTombstoneIsDeadLetteredWithAReason() {
        assertThat(Decoding.of(() -> decode("channel.chat", null)).thrown())
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("empty record value (tombstone): channel topics carry events only");
    }

    /** It was a ClassCastException: the listener parked it, logged at ERROR, with a reason naming Java classes. */
    @Test
    void anAdaptersOwnRecordTypeIsRejectedWithTheSchemaItCarries() {
        assertThat(rejectionOf("channel.email", "com.acme.crm.Ticket", List.of("Refund?", true)))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("channel.email carries io.omnirouter.channel.EmailEvent, got com.acme.crm.Ticket");
    }

    @Test
    void aBareStringIsRejectedWithoutQuotingIt() {
        assertThat(rejectionOf("channel.chat", "string", "ana@example.com"))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("channel.chat carries io.omnirouter.channel.ChatEvent, got a bare Avro string, not a record");
    }

    private Throwable rejectionOf(String topic, String schemaName, Object datum) {
        int id = idOf(schemaName);
        byte[] record = HostileAvro.frame(id, HostileAvro.encode(SCHEMAS.get(id), datum));
        return Decoding.of(() -> decode(topic, record)).thrown();
    }

    private SpecificRecord assertRoutableOrDeadLettered(String topic, byte[] value) {
        Decoding decoding = Decoding.of(() -> decode(topic, value));
        if (decoding.allocated() >= bound(value.length)) {
            // Steady state: the first pass through a rejection links and loads classes once per JVM.
            decoding = Decoding.of(() -> decode(topic, value));
        }
        if (decoding.thrown() != null) {
            assertThat(decoding.thrown()).as("what escapes the decoder").isInstanceOfAny(RejectedEventException.class,
                    WireFormatException.class, AvroDecodeException.class, UnknownSchemaIdException.class);
            assertThat(decoding.thrown().getMessage()).as("the dead-letter reason").isNotBlank();
        } else {
            assertThat(((SpecificRecord) decoding.value()).getSchema().getFullName())
                    .isEqualTo(SCHEMAS.get(idOfTopic(topic)).getFullName());
        }
        assertThat(decoding.allocated()).as("bytes allocated decoding a %d-byte record", value.length)
                .isLessThan(bound(value.length));
        return (SpecificRecord) decoding.value();
    }

    private static long bound(int recordLength) {
        return 64 * 1024 + 64L * recordLength;
    }

    private SpecificRecord decode(String topic, byte[] value) {
        return decoder.decode(new ConsumerRecord<>(topic, 0, 0L, null, value));
    }

    private static String topicOf(Schema schema) {
        return Arrays.stream(ContractTopic.values()).filter(t -> t.valueSchema() == schema).map(ContractTopic::topic)
                .findFirst().orElse("");
    }

    private static int idOfTopic(String topic) {
        return idOf(Arrays.stream(ContractTopic.values()).filter(t -> t.topic().equals(topic)).findFirst().orElseThrow()
                .valueSchema().getFullName());
    }

    private static int idOf(String fullName) {
        return SCHEMAS.entrySet().stream().filter(e -> e.getValue().getFullName().equals(fullName)).findFirst().orElseThrow().getKey();
    }

    private static Gen<String> channelTopics() {
        return Generate.pick(CHANNEL_TOPICS);
    }

    /** Any bytes, at most 300 of them. */
    private static Gen<byte[]> values() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }

    private static Gen<Written> written() {
        return Generate.pick(new ArrayList<>(SCHEMAS.keySet()))
                .<Written>flatMap(id -> HostileAvro.datum(SCHEMAS.get(id)).map(datum -> new Written(id, datum)));
    }

    private static Gen<List<Mutation>> mutations() {
        // Half the records arrive as written: the decoder must accept those on their own topic.
        return Generate.oneOf(Generate.constant(List.<Mutation>of()), lists().of(HostileAvro.mutations()).ofSizeBetween(1, 3));
    }
}
