package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithRealInfrastructure
class PublishAndTailIT {

    private static final String EMAIL = ContractTopic.EMAIL.topic();
    private static final String SOCIAL = ContractTopic.SOCIAL.topic();
    /** Framed right, but with a schema id no registry has given out. */
    private static final byte[] UNKNOWN_SCHEMA_ID = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 9};

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString();

    @BeforeAll
    static void topics() {
        RealInfrastructure.createTopics(3, EMAIL, ContractTopic.EMAIL.deadLetterTopic(), SOCIAL);
    }

    @Test
    void publishedEmailsAreDecodedByTail() throws IOException {
        Path file = dir.resolve("emails.jsonl");
        Files.write(file, List.of(
                Samples.strictEmail(run + "-1", "<" + run + "-1@example.com>"),
                "",
                Samples.shortEmail(run + "-2", "<" + run + "-2@example.com>"),
                Samples.shortEmail(run + "-3", "<" + run + "-3@example.com>")));

        CliRun published = Infra.cli("publish", EMAIL, file.toString());

        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).isEqualTo("published 3 records to channel.email" + System.lineSeparator());
        assertThat(published.err()).isEmpty();

        CliRun tail = Infra.cli("tail", EMAIL, "--from-beginning");

        assertThat(tail.exitCode()).as(tail.toString()).isZero();
        List<JsonNode> ours = Infra.jsonLines(tail).stream()
                .filter(r -> r.at("/value/meta/eventId").asText().startsWith(run)).toList();
        assertThat(ours).hasSize(3);
        assertThat(ours).extracting(r -> r.get("key").asText()).containsExactlyInAnyOrder(
                "<" + run + "-1@example.com>", "<" + run + "-2@example.com>", "<" + run + "-3@example.com>");
        JsonNode first = ours.stream().filter(r -> r.at("/value/meta/eventId").asText().equals(run + "-1")).findFirst().orElseThrow();
        assertThat(first.get("topic").asText()).isEqualTo(EMAIL);
        assertThat(first.get("valueSchema").asText()).isEqualTo("io.omnirouter.channel.EmailEvent");
        assertThat(first.get("headers").size()).isZero();
        assertThat(first.has("partition") && first.has("offset") && first.has("timestamp")).isTrue();
        assertThat(first.at("/value/customer/email/string").asText()).isEqualTo("Ana.Novak@Example.com");
        assertThat(first.at("/value/bodyText").asText()).isEqualTo("Paket je prišel poškodovan.");
        // Tail's output is Avro JSON that publish reads back.
        assertThat(AvroJson.decode(ContractTopic.EMAIL.valueSchema(), first.get("value").toString()).get("messageId").toString())
                .isEqualTo("<" + run + "-1@example.com>");

        CliRun limited = Infra.cli("tail", EMAIL, "--from-beginning", "--max", "2");
        assertThat(limited.outLines()).hasSize(2);
    }

    @Test
    void aMalformedLineFailsTheWholeFileWithItsLineNumber() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of(
                Samples.shortEmail(run + "-ok", "m-" + run),
                Samples.shortEmail(run + "-bad", "m-" + run).replace("\"direction\":\"INBOUND\"", "\"direction\":\"IN\"")));

        CliRun published = Infra.cli("publish", EMAIL, file.toString());

        assertThat(published.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(published.out()).isEmpty();
        assertThat(published.err()).isEqualTo("error: " + file + " line 2: field 'direction': unknown symbol 'IN' of enum "
                + "Direction (one of INBOUND, OUTBOUND); nothing was published" + System.lineSeparator());
        CliRun tail = Infra.cli("tail", EMAIL, "--from-beginning");
        assertThat(tail.out()).doesNotContain(run);
    }

    @Test
    void aRawRecordIsPublishedAsItIsAndTailShowsWhyItCannotBeDecoded() throws IOException {
        Path file = dir.resolve("raw.jsonl");
        String line = Samples.shortEmail(run + "-raw", "raw-" + run);
        Files.write(file, List.of(line));

        CliRun published = Infra.cli("publish", EMAIL, file.toString(), "--raw");

        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).startsWith("published 1 record to channel.email");
        JsonNode record = Infra.jsonLines(Infra.cli("tail", EMAIL, "--from-beginning")).stream()
                .filter(r -> "raw-".concat(run).equals(r.get("key").asText())).findFirst().orElseThrow();
        assertThat(record.get("value").isNull()).isTrue();
        assertThat(new String(java.util.Base64.getDecoder().decode(record.get("valueBase64").asText()),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(record.get("valueError").asText()).startsWith("Unknown magic byte 0x7b").contains("JSON");
    }

    @Test
    void followWaitsForNewRecordsAndDeadLetterHeadersAreShownAsText() throws Exception {
        String dlt = "it-follow-" + run + ".DLT";
        RealInfrastructure.createTopics(1, dlt);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<CliRun> tail = CompletableFuture.supplyAsync(
                    () -> Infra.cli("tail", dlt, "--follow", "--from-beginning", "--max", "1"), executor);

            Infra.send(dlt, null, "k-" + run, UNKNOWN_SCHEMA_ID, List.of(
                    DeadLetterHeaders.header(DeadLetterHeaders.REASON, "truncated payload"),
                    DeadLetterHeaders.header(DeadLetterHeaders.SOURCE_TOPIC, EMAIL)));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(tail::isDone);
            CliRun done = tail.get();
            assertThat(done.exitCode()).as(done.toString()).isZero();
            JsonNode record = Infra.jsonLines(done).get(0);
            assertThat(record.get("key").asText()).isEqualTo("k-" + run);
            assertThat(record.at("/headers/omnirouter.dlt.reason").asText()).isEqualTo("truncated payload");
            assertThat(record.at("/headers/omnirouter.dlt.source.topic").asText()).isEqualTo(EMAIL);
            assertThat(record.get("valueBase64").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString(UNKNOWN_SCHEMA_ID));
            assertThat(record.get("valueError").asText()).contains("2147483632");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void tailOfAnUnknownOrMissingTopicIsOneLine() {
        CliRun unknown = Infra.cli("tail", "channel.fax");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).startsWith("error: unknown topic 'channel.fax'; known: channel.phone,");

        CliRun missing = Infra.cli("tail", "nothing-here-" + run + ".DLT");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(missing.err()).isEqualTo("error: topic 'nothing-here-" + run + ".DLT' does not exist on Kafka at "
                + RealInfrastructure.kafkaBootstrapServers() + System.lineSeparator());
    }

    /** The WhatsApp example: both messages keyed by their conversation, so they stay in order on one partition. */
    @Test
    void theSocialExampleIsKeyedByItsConversation() {
        CliRun published = Infra.cli("publish", SOCIAL, "examples/channel.social.jsonl");

        assertThat(published.exitCode()).as(published.toString()).isZero();
        assertThat(published.out()).isEqualTo("published 2 records to channel.social" + System.lineSeparator());

        CliRun tail = Infra.cli("tail", SOCIAL, "--from-beginning");
        List<JsonNode> example = Infra.jsonLines(tail).stream()
                .filter(r -> r.at("/value/meta/eventId").asText().startsWith("example-social-")).toList();
        assertThat(example).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("key").asText()).isEqualTo(r.at("/value/conversationId").asText()).isEqualTo("c7f1e2a9b04d4e1f9a3b");
            assertThat(r.get("valueSchema").asText()).isEqualTo("io.omnirouter.channel.SocialMessageEvent");
        });
        assertThat(example).extracting(r -> r.get("partition").asInt()).containsOnly(example.get(0).get("partition").asInt());
        assertThat(example).extracting(r -> r.at("/value/customer/phone/string").asText()).containsOnly("+38641123456");
    }

    /** TopicProbe is the independent check that publish used the wire format the serde reads. */
    @Test
    void publishedValuesAreInTheConfluentWireFormat() throws IOException {
        Path file = dir.resolve("one.jsonl");
        Files.write(file, List.of(Samples.shortEmail(run + "-wire", "wire-" + run)));
        assertThat(Infra.cli("publish", EMAIL, file.toString()).exitCode()).isZero();

        try (TopicProbe probe = TopicProbe.reading(EMAIL)) {
            var record = probe.awaitOne(r -> r.key() != null && new String(r.key()).equals("wire-" + run), Duration.ofSeconds(30));
            assertThat(record.value()[0]).isZero();
            var registry = new io.omnirouter.serde.SchemaRegistryClient(RealInfrastructure.registryUrl());
            var email = new io.omnirouter.serde.ConfluentAvroDeserializer<io.omnirouter.channel.EmailEvent>(registry,
                    io.omnirouter.channel.EmailEvent.class).deserialize(EMAIL, record.value());
            assertThat(email.getMeta().getEventId()).isEqualTo(run + "-wire");
        }
    }
}
