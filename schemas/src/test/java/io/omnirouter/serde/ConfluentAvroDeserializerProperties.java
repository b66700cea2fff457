package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.testing.avro.Decoding;
import io.omnirouter.testing.avro.HostileAvro;
import io.omnirouter.testing.avro.HostileAvro.Corruption;
import io.omnirouter.testing.avro.HostileAvro.Mutation;
import io.omnirouter.testing.avro.HostileAvro.Site;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile bytes against the Confluent-wire-format decoder (issue 10): whatever a record holds, decoding
 * returns a value or throws one of the documented rejections ({@link WireFormatException},
 * {@link AvroDecodeException}, {@link UnknownSchemaIdException}) with a reason, and allocates no more than
 * {@link #bound} of the record's size. Schemas come from an in-test table, not a registry: the lookup is not
 * what is fuzzed.
 */
class ConfluentAvroDeserializerProperties {

    /**
     * What decoding one record may allocate: a fixed 64 KiB (the rejection itself with its message, Avro's
     * per-call reader state) plus 64 bytes per record byte. Why 64: the densest payload is an array of
     * empty strings, one byte each on the wire, and each costs a String, its byte array and a slot in an
     * ArrayList that grows by copying. A length prefix that claims more than the record holds must cost
     * nothing in proportion to the claim.
     */
    static long bound(int recordLength) {
        return 64 * 1024 + 64L * recordLength;
    }

    /** The contract's booleans are all in unions; this one is not, so that an example can aim at it. */
    private static final Schema RESOLVED = new Schema.Parser().parse(
            "{\"type\": \"record\", \"name\": \"Resolved\", \"namespace\": \"io.omnirouter.serde.test\","
                    + " \"fields\": [{\"name\": \"resolved\", \"type\": \"boolean\"}]}");

    /** Every schema of the contract, and the probe schemas without generated classes (read as GenericRecord). */
    private static final Map<Integer, Schema> SCHEMAS = new TreeMap<>();

    static {
        int id = 1;
        for (ContractTopic topic : ContractTopic.values()) {
            SCHEMAS.put(id++, topic.valueSchema());
        }
        SCHEMAS.put(id++, Probes.V1);
        SCHEMAS.put(id++, Probes.V2);
        SCHEMAS.put(id, RESOLVED);
    }

    private final SchemaTable table = new SchemaTable(SCHEMAS);
    private final ConfluentAvroDeserializer<Object> specific = new ConfluentAvroDeserializer<>(table);
    private final ConfluentAvroDeserializer<Object> generic = new ConfluentAvroDeserializer<>(table, false);

    ConfluentAvroDeserializerProperties() {
        // The first record of a schema id builds its reader and resolver: a cost of the schema, not of a record.
        SCHEMAS.forEach((id, schema) -> {
            byte[] valid = HostileAvro.frame(id, HostileAvro.encode(schema, HostileAvro.sampleDatum(schema)));
            specific.deserialize("t", valid);
            generic.deserialize("t", valid);
        });
    }

    /** A record as an adapter may send it: a schema id of the table and a datum of that schema. */
    record Written(int schemaId, Object datum) {

        Schema schema() {
            return SCHEMAS.get(schemaId);
        }

        byte[] avro() {
            return HostileAvro.encode(schema(), datum);
        }
    }

    @Test
    void arbitraryBytesAreRejectedWithAReason() {
        qt().forAll(bytesUpTo300(), booleans().all())
                .checkAssert((record, asSpecific) -> assertDecodedOrRejected(asSpecific ? specific : generic, record));
    }

    @Test
    void arbitraryPayloadsOfKnownSchemasAreRejectedWithAReason() {
        qt().forAll(schemaIds(), bytesUpTo300(), booleans().all())
                .checkAssert((schemaId, payload, asSpecific) ->
                        assertDecodedOrRejected(asSpecific ? specific : generic, HostileAvro.frame(schemaId, payload)));
    }

    /** The round trip: what a correct writer wrote decodes, and writes back to the same bytes. */
    @Test
    void validRecordsDecodeToWhatWasWritten() {
        qt().forAll(written(), booleans().all()).checkAssert((written, asSpecific) -> {
            byte[] record = HostileAvro.frame(written.schemaId(), written.avro());

            Object decoded = assertDecodedOrRejected(asSpecific ? specific : generic, record);

            assertThat(decoded).as("a valid record").isNotNull();
            assertThat(avroBinary(written.schema(), decoded)).isEqualTo(written.avro());
        });
    }

    /** Huge or negative lengths and counts, union branches and enum indices out of range, invalid UTF-8. */
    @Test
    void corruptedRecordsAreRejectedWithAReason() {
        qt().forAll(written(), corruptions(), booleans().all()).checkAssert((written, corruption, asSpecific) -> {
            byte[] record = HostileAvro.frame(written.schemaId(), HostileAvro.encode(written.schema(), written.datum(), corruption));

            assertDecodedOrRejected(asSpecific ? specific : generic, record);
        });
    }

    /** Truncation, flipped bytes (header included), trailing bytes, varints spliced in. */
    @Test
    void mutatedRecordsAreRejectedWithAReason() {
        qt().forAll(written(), mutations(), booleans().all()).checkAssert((written, mutations, asSpecific) -> {
            byte[] record = HostileAvro.frame(written.schemaId(), written.avro());
            for (Mutation mutation : mutations) {
                record = mutation.applyTo(record);
            }

            assertDecodedOrRejected(asSpecific ? specific : generic, record);
        });
    }

    @Test
    void aStringThatClaimsTwoGigabytesInATwentyByteRecordIsRefusedBeforeAllocating() {
        // Probe v1: id (string) first; its length prefix says 2,000,000,000 bytes, then 10 bytes follow.
        byte[] avro = HostileAvro.encode(Probes.V1, List.of("p-1", 1, 0L, 0, List.of("vip", "x")),
                new Corruption(Site.STRING_LENGTH, 0, 2_000_000_000L));
        byte[] record = HostileAvro.frame(idOf(Probes.V1), avro);

        Decoding decoding = decode(generic, record);

        assertThat(decoding.thrown()).isInstanceOf(AvroDecodeException.class)
                .hasMessage("Avro payload of schema id " + idOf(Probes.V1) + " (io.omnirouter.serde.test.Probe) could not be decoded: "
                        + "truncated, the " + avro.length + "-byte payload ended before the record was complete "
                        + "(a string at offset 0 declares 2000000000 bytes, but only " + (avro.length - 5) + " remain)");
        assertThat(decoding.allocated()).isLessThan(bound(record.length));
    }

    @Test
    void anArrayThatClaimsTwoBillionItemsIsRefusedBeforeAllocating() {
        byte[] avro = HostileAvro.encode(Probes.V1, List.of("p", 1, 0L, 0, List.of()),
                new Corruption(Site.ARRAY_COUNT, 0, 2_000_000_000L));
        byte[] record = HostileAvro.frame(idOf(Probes.V1), avro);

        Decoding decoding = decode(generic, record);

        assertThat(decoding.thrown()).isInstanceOf(AvroDecodeException.class)
                .hasMessageEndingWith("(an array block at offset 5 declares 2000000000 items, but only 0 bytes remain)");
        assertThat(decoding.allocated()).isLessThan(bound(record.length));
    }

    @Test
    void aUnionBranchOutOfRangeNamesTheBranches() {
        byte[] avro = HostileAvro.encode(Probes.V2, List.of("p", 1, 0L, 0, List.of(), new HostileAvro.Branch(0, null)),
                new Corruption(Site.UNION_INDEX, 0, 7));

        assertThat(decode(generic, HostileAvro.frame(idOf(Probes.V2), avro)).thrown())
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageEndingWith("invalid data (union at offset 6 selects branch 7, but it has only 2 branches [null, string])");
    }

    @Test
    void anEnumIndexOutOfRangeNamesTheEnum() {
        byte[] avro = HostileAvro.encode(Probes.V1, List.of("p", 1, 0L, 0, List.of()), new Corruption(Site.ENUM_INDEX, 0, -1));

        assertThat(decode(generic, HostileAvro.frame(idOf(Probes.V1), avro)).thrown())
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageEndingWith("invalid data (enum io.omnirouter.serde.test.ProbeKind at offset 4 has index -1, but only 2 symbols)");
    }

    /** Avro would have read it as U+FFFD, and the customer's text would have been stored altered. */
    @Test
    void invalidUtf8IsRejectedNotReplaced() {
        byte[] avro = HostileAvro.encode(Probes.V1, List.of("ok", 1, 0L, 0, List.of()), new Corruption(Site.STRING_UTF8, 0, 0));

        assertThat(decode(generic, HostileAvro.frame(idOf(Probes.V1), avro)).thrown())
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageEndingWith("invalid data (a string at offset 0 is not valid UTF-8 (its byte 0))");
    }

    /** Avro reads any byte but 1 as false: a flipped bit would turn "resolved: true" into false unnoticed. */
    @Test
    void aBooleanOtherThanZeroOrOneIsRejected() {
        byte[] avro = HostileAvro.encode(RESOLVED, List.of(true), new Corruption(Site.BOOLEAN, 0, 3));

        assertThat(decode(generic, HostileAvro.frame(idOf(RESOLVED), avro)).thrown())
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageEndingWith("invalid data (a boolean at offset 0 is 0x05, not 0 or 1)");
    }

    /** The decoded value, or null for a rejection; fails for anything else escaping or too much allocated. */
    private static Object assertDecodedOrRejected(ConfluentAvroDeserializer<Object> deserializer, byte[] record) {
        Decoding decoding = decode(deserializer, record);
        if (decoding.thrown() != null) {
            assertThat(decoding.thrown())
                    .as("what escapes the decoder")
                    .isInstanceOfAny(WireFormatException.class, AvroDecodeException.class, UnknownSchemaIdException.class);
            assertThat(decoding.thrown().getMessage()).as("the rejection's reason").isNotBlank();
        }
        assertThat(decoding.allocated()).as("bytes allocated decoding a %d-byte record", record.length)
                .isLessThan(bound(record.length));
        return decoding.value();
    }

    /**
     * Measured in the steady state: the first pass through a rejection links its string concatenations and
     * loads its classes, hundreds of kilobytes once per JVM. A cost the record causes recurs on the second
     * decode of the same bytes, so only that one is held to the bound.
     */
    private static Decoding decode(ConfluentAvroDeserializer<Object> deserializer, byte[] record) {
        Decoding first = Decoding.of(() -> deserializer.deserialize("t", record));
        return first.allocated() < bound(record.length) ? first : Decoding.of(() -> deserializer.deserialize("t", record));
    }

    private static int idOf(Schema schema) {
        return SCHEMAS.entrySet().stream().filter(e -> e.getValue() == schema).findFirst().orElseThrow().getKey();
    }

    /** Avro's own writer, as the reference the round trip is compared with. */
    private static byte[] avroBinary(Schema writer, Object decoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            if (decoded instanceof SpecificRecord record) {
                new SpecificDatumWriter<Object>(writer, SpecificData.getForClass(record.getClass())).write(decoded, encoder);
            } else {
                new GenericDatumWriter<Object>(writer).write(decoded, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Any bytes, up to 300 of them (shown as numbers when a property fails). */
    private static Gen<byte[]> bytesUpTo300() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
                .describedAs(Arrays::toString);
    }

    private static Gen<Integer> schemaIds() {
        // The table's ids, and ids no registry knows.
        return Generate.oneOf(Generate.pick(new ArrayList<>(SCHEMAS.keySet())), integers().all());
    }

    private static Gen<Written> written() {
        return Generate.pick(new ArrayList<>(SCHEMAS.keySet()))
                .flatMap(id -> HostileAvro.datum(SCHEMAS.get(id)).map(datum -> new Written(id, datum)));
    }

    private static Gen<Corruption> corruptions() {
        return HostileAvro.corruptions();
    }

    private static Gen<List<Mutation>> mutations() {
        return lists().of(HostileAvro.mutations()).ofSizeBetween(1, 3);
    }

    /** A schema lookup from a map, in place of the registry: ids it lacks are unknown, as a registry's 404 says. */
    static final class SchemaTable extends SchemaRegistryClient {

        private final Map<Integer, Schema> schemas;

        SchemaTable(Map<Integer, Schema> schemas) {
            super("http://in-test-schema-table.invalid");
            this.schemas = Map.copyOf(schemas);
        }

        @Override
        public Schema schemaById(int id) {
            Schema schema = schemas.get(id);
            if (schema == null) {
                throw new UnknownSchemaIdException(id, "the in-test schema table");
            }
            return schema;
        }
    }
}
