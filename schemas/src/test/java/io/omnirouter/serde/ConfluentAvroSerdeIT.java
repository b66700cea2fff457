package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serde against the real schema registry of the harness (Apicurio's Confluent-compatible API). The
 * expected bytes are built by hand with plain Avro and raw HTTP, never with the serde's own code.
 * Subjects are not reset between tests, so every test uses its own topic name.
 */
@WithRealInfrastructure
class ConfluentAvroSerdeIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String url;
    private String topic;
    private SchemaRegistryClient registry;

    @BeforeEach
    void setUp() {
        url = RealInfrastructure.registryUrl();
        topic = "serde-it-" + UUID.randomUUID();
        registry = new SchemaRegistryClient(url);
    }

    @Test
    void serializerWritesExactlyTheConfluentWireFormat() throws Exception {
        int id = registerRaw(topic + "-value", Probes.V1);
        GenericRecord probe = Probes.probeV1("p-1", 42);

        byte[] written = new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(topic, probe);

        byte[] expected = handFramed(id, Probes.avroBinary(probe));
        assertThat(written).isEqualTo(expected);
        assertThat(written[0]).isZero();
        assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void serializerRegistersUnderTheTopicSubjects() throws Exception {
        GenericRecord probe = Probes.probeV1("p-1", 1);

        byte[] value = new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(topic, probe);
        ConfluentAvroSerializer<GenericRecord> keySerializer = new ConfluentAvroSerializer<>(registry, true);
        keySerializer.configure(Map.of(), true);
        byte[] key = keySerializer.serialize(topic, probe);

        int valueId = ByteBuffer.wrap(value, 1, 4).getInt();
        assertThat(ByteBuffer.wrap(key, 1, 4).getInt()).isEqualTo(valueId);
        assertThat(getRaw("/subjects")).contains("\"" + topic + "-value\"", "\"" + topic + "-key\"");
        assertThat(lookupRaw(topic + "-value", Probes.V1)).isEqualTo(valueId);
    }

    @Test
    void handFramedBytesDecode() throws Exception {
        int id = registerRaw(topic + "-value", Probes.V1);
        GenericRecord probe = Probes.probeV1("p-2", -7);

        Object read = new ConfluentAvroDeserializer<>(registry).deserialize(topic, handFramed(id, Probes.avroBinary(probe)));

        assertThat(read).isInstanceOf(GenericRecord.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema()).isEqualTo(Probes.V1);
        assertThat(record.get("id")).hasToString("p-2");
        assertThat(record.get("count")).isEqualTo(-7);
        assertThat(record.get("at")).isEqualTo(1_700_000_000_123L);
        assertThat(record.get("kind")).hasToString("PONG");
        assertThat(((List<?>) record.get("tags")).stream().map(Object::toString)).containsExactly("vip", "čšž", "şikayet");
        assertThat(record).isEqualTo(probe);
    }

    @Test
    void oldWriterVersionIsResolvedIntoTheNewerReaderSchema() throws Exception {
        String subject = topic + "-value";
        putCompatibilityRaw(subject, "BACKWARD");
        int v1 = registerRaw(subject, Probes.V1);
        int v2 = registerRaw(subject, Probes.V2);
        assertThat(v2).isNotEqualTo(v1);
        byte[] writtenWithV1 = new ConfluentAvroSerializer<GenericRecord>(registry, false).serialize(topic, Probes.probeV1("p-3", 3));

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(registry, Probes.V2).deserialize(topic, writtenWithV1);

        assertThat(ByteBuffer.wrap(writtenWithV1, 1, 4).getInt()).isEqualTo(v1);
        assertThat(read.getSchema()).isEqualTo(Probes.V2);
        assertThat(read.get("id")).hasToString("p-3");
        assertThat(read.get("count")).isEqualTo(3);
        assertThat(read.get("note")).isNull();
    }

    @Test
    void unknownSchemaIdNamesTheIdAndTheRegistry() {
        int unknown = 2_000_000_011;
        byte[] framed = handFramed(unknown, Probes.avroBinary(Probes.probeV1("p", 1)));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(registry).deserialize(topic, framed))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(unknown))
                .hasMessage("schema id 2000000011 is unknown to the registry at " + url);
    }

    @Test
    void unreachableRegistryNamesTheUrl() throws IOException {
        String closed = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        SchemaRegistryClient down = new SchemaRegistryClient(SchemaRegistrySettings.of(closed)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        byte[] framed = handFramed(1, Probes.avroBinary(Probes.probeV1("p", 1)));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(down).deserialize(topic, framed))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageStartingWith("schema registry at " + closed + " unreachable: ")
                .hasMessageContaining("GET /schemas/ids/1");
        assertThatThrownBy(() -> new ConfluentAvroSerializer<GenericRecord>(down, true).serialize(topic, Probes.probeV1("p", 1)))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageStartingWith("schema registry at " + closed + " unreachable: ")
                .hasMessageContaining("POST /subjects/" + topic + "-value/versions");
    }

    /**
     * A registry whose store fails (Apicurio answers 500 when two instances register at once and its store times out
     * on a lock) is unavailable, to be asked again, not a verdict on the schema: a router starting beside another
     * must not give up, and a batch must be retried, not dead-lettered. A server that answers every request with 500
     * stands in for the failing registry.
     */
    @Test
    void aRegistryAnsweringServerErrorsIsUnavailableNotARejection() throws IOException {
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/", exchange -> {
            byte[] body = "{\"error_code\":50001,\"message\":\"Timeout trying to lock table\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            String failingUrl = "http://127.0.0.1:" + failing.getAddress().getPort();
            SchemaRegistryClient client = new SchemaRegistryClient(failingUrl);

            assertThatThrownBy(() -> client.register(topic + "-value", Probes.probeV1("p", 1).getSchema()))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageContaining("HTTP 500");
            assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(client).deserialize(topic,
                    handFramed(1, Probes.avroBinary(Probes.probeV1("p", 1)))))
                    .isInstanceOf(SchemaRegistryUnavailableException.class);
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void aUrlThatIsNoRegistryApiIsNotMistakenForAnUnknownId() {
        // The Confluent-style root of an Apicurio server: its ccompat API lives under /apis/ccompat/v7.
        String wrong = url.replace("/apis/ccompat/v7", "");
        byte[] framed = handFramed(1, Probes.avroBinary(Probes.probeV1("p", 1)));

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(new SchemaRegistryClient(wrong)).deserialize(topic, framed))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageStartingWith("schema registry at " + wrong + " unreachable: no such endpoint GET /schemas/ids/1 (HTTP 404")
                .hasMessageContaining("check schema.registry.url");
    }

    @Test
    void truncatedAvroNamesTheSchema() throws Exception {
        int id = registerRaw(topic + "-value", Probes.V1);
        byte[] framed = handFramed(id, Probes.avroBinary(Probes.probeV1("p-4", 4)));
        byte[] truncated = Arrays.copyOf(framed, framed.length - 6);

        assertThatThrownBy(() -> new ConfluentAvroDeserializer<>(registry).deserialize(topic, truncated))
                .isInstanceOfSatisfying(AvroDecodeException.class, e -> assertThat(e.schemaId()).isEqualTo(id))
                .hasMessageStartingWith("Avro payload of schema id " + id + " (io.omnirouter.serde.test.Probe) could not be decoded: "
                        + "truncated, the " + (truncated.length - 5) + "-byte payload ended before the record was complete");
    }

    @Test
    void invalidAndOverlongAvroAreRejected() throws Exception {
        int id = registerRaw(topic + "-value", Probes.V1);
        byte[] avro = Probes.avroBinary(Probes.probeV1("p-5", 5));
        // The first byte is the zig-zag length of "p-5"; 0x01 is -1.
        byte[] negativeLength = avro.clone();
        negativeLength[0] = 0x01;
        byte[] trailing = Arrays.copyOf(avro, avro.length + 2);
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>(registry);

        assertThatThrownBy(() -> deserializer.deserialize(topic, handFramed(id, negativeLength)))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessageStartingWith("Avro payload of schema id " + id + " (io.omnirouter.serde.test.Probe) could not be decoded: invalid data (")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> deserializer.deserialize(topic, handFramed(id, trailing)))
                .isInstanceOf(AvroDecodeException.class)
                .hasMessage("Avro payload of schema id " + id + " (io.omnirouter.serde.test.Probe) could not be decoded: "
                        + "2 byte(s) left over after the record in a " + trailing.length
                        + "-byte payload; the bytes do not match the writer schema");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAClearError() throws Exception {
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(registry, false);

        assertThatThrownBy(() -> serializer.serialize(topic, Probes.probeV1("p-6", 6)))
                .isInstanceOfSatisfying(SchemaNotRegisteredException.class, e -> assertThat(e.subject()).isEqualTo(topic + "-value"))
                .hasMessageStartingWith("schema io.omnirouter.serde.test.Probe is not registered under subject '" + topic
                        + "-value' at " + url + " (HTTP 404")
                .hasMessageEndingWith("; auto.register.schemas is false, so the schema must be registered before records are written");
        assertThat(getRaw("/subjects")).doesNotContain(topic);
    }

    @Test
    void withoutAutoRegistrationARegisteredSchemaIsLookedUp() throws Exception {
        int id = registerRaw(topic + "-value", Probes.V1);

        byte[] written = new ConfluentAvroSerializer<GenericRecord>(registry, false).serialize(topic, Probes.probeV1("p-7", 7));

        assertThat(ByteBuffer.wrap(written, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void anIncompatibleSchemaIsRejectedWithTheRegistrysReason() throws Exception {
        String subject = topic + "-value";
        putCompatibilityRaw(subject, "BACKWARD");
        registerRaw(subject, Probes.V1);
        // A new required field without a default cannot read the records written with v1.
        Schema incompatible = new Schema.Parser().parse("""
                {"type": "record", "name": "Probe", "namespace": "io.omnirouter.serde.test",
                 "fields": [{"name": "id", "type": "string"}, {"name": "mandatory", "type": "string"}]}""");
        GenericRecord record = new GenericData.Record(incompatible);
        record.put("id", "p");
        record.put("mandatory", "x");

        assertThatThrownBy(() -> new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(topic, record))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageStartingWith("schema registry at " + url + " rejected registering schema io.omnirouter.serde.test.Probe under subject '"
                        + subject + "': HTTP 409");
    }

    @Test
    void aRecordThatBreaksItsSchemaIsNotWritten() {
        GenericRecord probe = Probes.probeV1("p-8", 8);
        probe.put("id", null);

        assertThatThrownBy(() -> new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(topic, probe))
                .isInstanceOf(AvroEncodeException.class)
                .hasMessageStartingWith("record of schema io.omnirouter.serde.test.Probe (id ")
                .hasMessageContaining("subject '" + topic + "-value') could not be encoded: ")
                .hasMessageContaining("id");
    }

    private static byte[] handFramed(int id, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(id).put(avro).array();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private int registerRaw(String subject, Schema schema) throws Exception {
        return JSON.readTree(postRaw("/subjects/" + subject + "/versions", schema)).get("id").intValue();
    }

    private int lookupRaw(String subject, Schema schema) throws Exception {
        return JSON.readTree(postRaw("/subjects/" + subject, schema)).get("id").intValue();
    }

    private String postRaw(String path, Schema schema) throws Exception {
        return sendRaw(HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema.toString())))));
    }

    private void putCompatibilityRaw(String subject, String level) throws Exception {
        sendRaw(HttpRequest.newBuilder(URI.create(url + "/config/" + subject))
                .header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")));
    }

    private String getRaw(String path) throws Exception {
        return sendRaw(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    private static String sendRaw(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s -> %s", response.request().uri(), response.body()).isEqualTo(200);
        return response.body();
    }
}
