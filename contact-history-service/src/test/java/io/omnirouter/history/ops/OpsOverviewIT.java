package io.omnirouter.history.ops;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.ops.application.IngestMetrics;
import io.omnirouter.history.ops.infrastructure.KafkaProbe;
import io.omnirouter.history.ops.infrastructure.TaskGauges;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.history.shared.kafka.DeadLetterReason;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/** Issue 5 items 4 and 5: the ingest and task meters move, and the ops overview shows them with lag and dead letters. */
class OpsOverviewIT extends HistoryIntegrationTest {

    @Autowired
    private MeterRegistry registry;
    @Autowired
    private TaskGauges taskGauges;
    @Autowired
    private KafkaProbe kafkaProbe;

    @Test
    @WithMockUser(roles = "OPS")
    void aStoredContactAndADeadLetterMoveTheMetersAndShowInTheOverview() throws Exception {
        double emailsBefore = stored("EMAIL");
        long freshnessBefore = freshness().count();
        double deadLettersBefore = deadLetters();

        String key = "email:ops-" + UUID.randomUUID();
        String address = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        // Three hours old: its REPLY (due in 2 h) is overdue at once.
        ContactEvent email = contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3)))
                .setThreadKey(key).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(address).build())
                .setSubject("Where is my parcel?").build();
        TopicProbe.send(CONTACT_EVENTS, key, ("not avro " + key).getBytes(StandardCharsets.UTF_8));
        publish(email);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(stored("EMAIL")).isGreaterThan(emailsBefore);
            assertThat(freshness().count()).isGreaterThan(freshnessBefore);
            assertThat(deadLetters()).isGreaterThan(deadLettersBefore);
        });
        assertThat(freshness().max(java.util.concurrent.TimeUnit.HOURS)).isGreaterThanOrEqualTo(2.9);

        // The follow-up policy opens the REPLY; the gauges see it open and overdue.
        await().atMost(PATIENCE).until(() -> taskGauges.refresh().stream()
                .anyMatch(c -> c.type().equals("REPLY") && c.overdue() >= 1));
        assertThat(registry.find(TaskGauges.OVERDUE).tag("type", "REPLY").gauges())
                .anySatisfy(gauge -> assertThat(gauge.value()).isGreaterThanOrEqualTo(1));

        JsonNode overview = json(mvc.get().uri("/api/ops/overview"), 200);
        JsonNode emails = find(overview.get("throughput").get("channels"), "channel", "EMAIL");
        assertThat(emails.get("lastMinute").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(emails.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("freshness").get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("freshness").get("p99Millis").isNumber()).isTrue();
        JsonNode lag = overview.get("consumerLag");
        assertThat(lag.get("error").isNull()).as("lag error: %s", lag.get("error")).isTrue();
        assertThat(lag.get("group").asString()).isEqualTo("contact-history");
        assertThat(StreamSupport.stream(lag.get("partitions").spliterator(), false)
                .filter(p -> p.get("topic").asString().equals(CONTACT_EVENTS))).hasSize(3);
        JsonNode dlt = find(overview.get("deadLetters").get("topics"), "topic", CONTACT_EVENTS_DLT);
        assertThat(dlt.get("records").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dlt.get("latest").size()).isBetween(1, 5);
        assertThat(dlt.get("latest").get(0).get("reason").asString()).isNotBlank();
        assertThat(dlt.get("latest").get(0).get("sourceTopic").asString()).isEqualTo(CONTACT_EVENTS);
        assertThat(overview.get("tasks").get("overdue").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(find(overview.get("tasks").get("byTypeAndQueue"), "type", "REPLY").get("open").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("merges").get("merges").isNumber()).isTrue();

        kafkaProbe.refreshLagGauge();
        String prometheus = mvc.get().uri("/actuator/prometheus").exchange().getResponse().getContentAsString();
        assertThat(prometheus).contains("omnirouter_history_contacts_stored_total{", "omnirouter_history_freshness_seconds_bucket{",
                "omnirouter_history_dead_letters_total{", "omnirouter_history_tasks_open{", "omnirouter_history_tasks_overdue{",
                "omnirouter_history_merges_total", "omnirouter_history_unmerges_total",
                // Consumer lag per group and partition (Boot's Kafka client metrics have only records_lag_max per client).
                "omnirouter_history_consumer_lag{group=\"contact-history\",partition=\"0\",topic=\"contact.events\"}",
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    void theLagOfAnotherServicesConsumerGroupIsAGaugeToo() throws Exception {
        String topic = "ops-lag-" + UUID.randomUUID();
        String group = "router-" + UUID.randomUUID();
        RealInfrastructure.createTopics(1, topic);
        for (int i = 0; i < 5; i++) {
            TopicProbe.send(topic, "key-" + i, ("record " + i).getBytes(StandardCharsets.UTF_8));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            // As a consumer of that group that has read two of the five records.
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2))).all()
                    .get(30, TimeUnit.SECONDS);
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            kafkaProbe.refreshLagGauge();
            assertThat(registry.find(KafkaProbe.CONSUMER_LAG).tags("group", group, "topic", topic, "partition", "0").gauge())
                    .isNotNull().satisfies(gauge -> assertThat(gauge.value()).isEqualTo(3.0));
        });
    }

    @Test
    void theOverviewIsForOpsOnly() {
        assertThat(mvc.get().uri("/api/ops/overview")).hasStatus(403);
    }

    private double stored(String channel) {
        Counter counter = registry.find(IngestMetrics.CONTACTS_STORED).tag("channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLetters() {
        return registry.find(DeadLetterPublisher.DEAD_LETTERS).tag("topic", CONTACT_EVENTS).tag("reason", DeadLetterReason.UNDECODABLE)
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private Timer freshness() {
        return registry.get(IngestMetrics.FRESHNESS).timer();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(node -> value.equals(node.get(field).asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }
}
