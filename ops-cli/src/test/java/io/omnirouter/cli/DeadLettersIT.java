package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Hand-made dead letters (bytes plus the DLT headers the services write) listed, explained and replayed,
 * each exactly once. Each test has its own source and DLT topics, since topics outlive tests.
 */
@WithRealInfrastructure
class DeadLettersIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDeadLetterIsListedExplainedAndReplayedOnce() {
        String source = "channel.chat." + run;
        String dlt = source + ".DLT";
        RealInfrastructure.createTopics(2, source);
        RealInfrastructure.createTopics(1, dlt);
        byte[] malformed = "{\"sessionId\": \"s-1\"".getBytes(StandardCharsets.UTF_8);
        deadLetter(dlt, source, "s-1", malformed, 1, 17, "Unknown magic byte 0x7b at offset 0 (it starts like JSON text)");

        CliRun list = Infra.cli("dlq", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines().get(0)).startsWith("DLT").contains("RECORDS", "NOT-REPLAYED", "LATEST-FAILED-AT", "LATEST-REASON");
        assertThat(list.outLines()).filteredOn(l -> l.startsWith(dlt + " ")).singleElement().asString()
                .matches(java.util.regex.Pattern.quote(dlt) + "\\s+1\\s+1\\s+2026-03-01T10:00:00Z\\s+Unknown magic byte 0x7b.*");

        CliRun show = Infra.cli("dlq", "show", dlt);
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains(
                dlt + " partition 0 offset 0  [not replayed]",
                "failed at: 2026-03-01T10:00:00Z by router-service",
                "source:    " + source + " partition 1 offset 17",
                "reason:    Unknown magic byte 0x7b at offset 0 (it starts like JSON text)",
                "exception: io.omnirouter.serde.WireFormatException",
                "key:       s-1",
                "value:     not decodable (Unknown magic byte 0x7b",
                "base64:    " + java.util.Base64.getEncoder().encodeToString(malformed),
                "headers:   traceparent=00-abc-01",
                "1 dead letter shown from " + dlt);

        CliRun dryRun = Infra.cli("dlq", "replay", dlt, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would replay " + dlt + "/0/0 to " + source + ": Unknown magic byte",
                "would replay 1 record from " + dlt + " to " + source + " (dry run: nothing published)");

        CliRun replay = Infra.cli("dlq", "replay", dlt);
        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).isEqualTo("replayed 1 record from " + dlt + " to " + source + System.lineSeparator());

        try (TopicProbe probe = TopicProbe.reading(source)) {
            ConsumerRecord<byte[], byte[]> replayed = probe.awaitOne(r -> true, Duration.ofSeconds(30));
            assertThat(replayed.partition()).as("the source partition").isEqualTo(1);
            assertThat(new String(replayed.key(), StandardCharsets.UTF_8)).isEqualTo("s-1");
            assertThat(replayed.value()).isEqualTo(malformed);
            assertThat(TopicProbe.header(replayed, DeadLetter.REPLAY_OF)).isEqualTo(dlt + "/0/0");
            assertThat(TopicProbe.header(replayed, DeadLetterHeaders.REASON)).startsWith("Unknown magic byte");
            assertThat(TopicProbe.header(replayed, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("17");
            assertThat(TopicProbe.header(replayed, "traceparent")).isEqualTo("00-abc-01");
        }

        CliRun again = Infra.cli("dlq", "replay", dlt);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).startsWith("replayed 0 records from " + dlt);

        // A new dead letter (e.g. the replayed record failed again): only that one is replayed next time.
        deadLetter(dlt, source, "s-2", malformed, 0, 18, "still broken");
        CliRun third = Infra.cli("dlq", "replay", dlt);
        assertThat(third.out()).isEqualTo("replayed 1 record from " + dlt + " to " + source + System.lineSeparator());
        try (TopicProbe probe = TopicProbe.reading(source)) {
            List<ConsumerRecord<byte[], byte[]>> all = probe.awaitMatching(r -> true, 2, Duration.ofSeconds(30));
            assertThat(all).extracting(r -> TopicProbe.header(r, DeadLetter.REPLAY_OF))
                    .containsExactlyInAnyOrder(dlt + "/0/0", dlt + "/0/1");
        }

        CliRun shown = Infra.cli("dlq", "show", dlt);
        assertThat(shown.out()).contains(dlt + " partition 0 offset 0  [replayed]", dlt + " partition 0 offset 1  [replayed]");
        CliRun listed = Infra.cli("dlq", "list");
        assertThat(listed.outLines()).filteredOn(l -> l.startsWith(dlt + " ")).singleElement().asString()
                .matches(java.util.regex.Pattern.quote(dlt) + "\\s+2\\s+0\\s+.*still broken");
        CliRun lag = Infra.cli("lag", "--group", OmnirouterCli.REPLAY_GROUP);
        assertThat(lag.exitCode()).as(lag.toString()).isZero();
        assertThat(lag.outLines()).filteredOn(l -> l.contains(dlt)).singleElement().asString()
                .matches(OmnirouterCli.REPLAY_GROUP + "\\s+\\S+\\s+" + java.util.regex.Pattern.quote(dlt) + "\\s+0\\s+\\d+\\s+\\d+\\s+0");
    }

    @Test
    void aReplayThatCrashedMidTransactionPublishesNothingTwice() throws Exception {
        String source = "channel.phone." + run;
        String dlt = source + ".DLT";
        RealInfrastructure.createTopics(1, source, dlt);
        byte[] value = {0, 0, 0, 0, 0};
        deadLetter(dlt, source, "call-1", value, 0, 3, "record too short");

        // A replay that crashed after sending but before committing: its transaction is left open.
        KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "omnirouter-dlq-replay-" + dlt),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            crashed.initTransactions();
            crashed.beginTransaction();
            crashed.send(new ProducerRecord<>(source, null, "call-1".getBytes(StandardCharsets.UTF_8), value,
                    List.<Header>of(new RecordHeader(DeadLetter.REPLAY_OF, (dlt + "/0/0").getBytes(StandardCharsets.UTF_8))))).get();

            CliRun replay = Infra.cli("dlq", "replay", dlt);

            assertThat(replay.exitCode()).as(replay.toString()).isZero();
            assertThat(replay.out()).startsWith("replayed 1 record from " + dlt + " to " + source);
        } finally {
            try {
                crashed.close(Duration.ofSeconds(1));
            } catch (RuntimeException fenced) {
                // Fenced by the replay, as intended.
            }
        }
        try (TopicProbe probe = TopicProbe.reading(source)) {
            probe.awaitOne(r -> true, Duration.ofSeconds(30));
            assertThat(Infra.cli("tail", dlt, "--from-beginning").exitCode()).isZero();
            // read_committed: the crashed run's copy was aborted, only the replay's own copy is visible.
            assertThat(probe.seen(r -> true)).hasSize(1);
        }
        assertThat(Infra.cli("dlq", "replay", dlt).out()).startsWith("replayed 0 records");
    }

    @Test
    void aDeadLetterThatIsAValidRecordIsShownDecoded() throws Exception {
        String source = ContractTopic.EMAIL.topic();
        String dlt = "channel.email." + run + ".DLT";
        RealInfrastructure.createTopics(1, dlt);
        var registry = new io.omnirouter.serde.SchemaRegistryClient(RealInfrastructure.registryUrl());
        byte[] value = new io.omnirouter.serde.ConfluentAvroSerializer<Object>(registry, true)
                .serialize(source, AvroJson.decode(ContractTopic.EMAIL.valueSchema(), Samples.shortEmail("e-" + run, "m-" + run)));
        deadLetter(dlt, source, "m-" + run, value, 0, 5, "occurredAt is before 2000");

        CliRun show = Infra.cli("dlq", "show", dlt);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("value:     io.omnirouter.channel.EmailEvent (schema id ", "\"eventId\":\"e-" + run + "\"");
    }

    @Test
    void replayOfAMissingTopicIsOneLine() {
        CliRun replay = Infra.cli("dlq", "replay", "channel.nothing-" + run + ".DLT");

        assertThat(replay.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(replay.err()).startsWith("error: topic 'channel.nothing-" + run + ".DLT' does not exist");
    }

    private static void deadLetter(String dlt, String source, String key, byte[] value, int partition, long offset, String reason) {
        Infra.send(dlt, null, key, value, List.of(
                DeadLetterHeaders.header("traceparent", "00-abc-01"),
                DeadLetterHeaders.header(DeadLetterHeaders.REASON, reason),
                DeadLetterHeaders.header(DeadLetterHeaders.EXCEPTION, "io.omnirouter.serde.WireFormatException"),
                DeadLetterHeaders.header(DeadLetterHeaders.SOURCE_TOPIC, source),
                DeadLetterHeaders.header(DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition)),
                DeadLetterHeaders.header(DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset)),
                DeadLetterHeaders.header(DeadLetterHeaders.FAILED_AT,
                        reason.equals("still broken") ? Instant.parse("2026-03-01T11:00:00Z").toString() : "2026-03-01T10:00:00Z"),
                DeadLetterHeaders.header(DeadLetterHeaders.FAILED_BY, "router-service")));
    }
}
