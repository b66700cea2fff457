package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.ServiceProcess;
import io.omnirouter.testing.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The outbox under kill -9: the service runs as a real process and is killed after its relay committed a Kafka
 * transaction but before it deleted the outbox rows (a test-only pause holds it there). Restarted, it publishes
 * what was left and skips what was already in followup.tasks: no task version lost, none duplicated.
 *
 * <p>The process gets a database of its own, its own consumer group (starting at the current end of
 * contact.events) and its own relay transactional id, so that a service context of other tests in this JVM
 * neither competes with it nor is fenced by it; its records are told apart by the relay header.
 */
@WithRealInfrastructure
class OutboxCrashIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String TOPIC = ContractTopic.FOLLOWUP_TASKS.topic();

    @Test
    void aCrashBetweenKafkaCommitAndOutboxDeleteLosesNothingAndDuplicatesNothing() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = "followup_crash_" + suffix;
        String relayId = "followup-crash-" + suffix;
        String group = "followup-crash-" + suffix;
        try (Connection admin = DriverManager.getConnection(RealInfrastructure.jdbcUrl(), RealInfrastructure.dbUser(),
                RealInfrastructure.dbPassword()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String jdbcUrl = RealInfrastructure.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        RealInfrastructure.createTopics(3, ContractTopic.CONTACT_EVENTS.topic(), ContractTopic.CONTACT_EVENTS.deadLetterTopic());
        startGroupAtTheEnd(group);

        Map<String, String> properties = new HashMap<>(ServiceProcess.realInfrastructureProperties());
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("omnirouter.security.local-password", "crash-test-password");
        properties.put("spring.kafka.consumer.group-id", group);
        properties.put("omnirouter.history.followup.outbox.transactional-id", relayId);
        properties.put("omnirouter.history.followup.outbox.batch-size", "3");
        properties.put("omnirouter.history.followup.outbox.delay-after-publish", "30s");

        String address = "crash-" + suffix + "@example.com";
        ServiceProcess first = ServiceProcess.start("contact-history-service", properties);
        try (KafkaConsumer<String, FollowUpTask> topic = followUpTopic()) {
            List<ConsumerRecord<String, FollowUpTask>> published = new ArrayList<>();
            try {
                // Three emails (three REPLY tasks), then a delivered order: a SURVEY, and the customer chasing the replies.
                Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5));
                List<ContactEvent> events = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    events.add(contact(Channel.EMAIL, t0.plusSeconds(i)).setIdentifiers(email(address)).setKind("EMAIL").build());
                }
                events.add(contact(Channel.WEBSHOP, t0.plusSeconds(10)).setIdentifiers(email(address)).setKind("ORDER_DELIVERED")
                        .setThreadKey("order:" + suffix).build());
                publish(events);

                // Killed while the first batch is in followup.tasks but still in the outbox.
                await().atMost(PATIENCE).until(() -> {
                    published.addAll(poll(topic, relayId));
                    Set<String> inOutbox = versions(jdbcUrl, "SELECT task_id::text || ':' || version FROM follow_up_outbox");
                    return published.stream().anyMatch(r -> inOutbox.contains(key(r.value())));
                });
                first.kill();
            } finally {
                first.close();
            }

            properties.put("omnirouter.history.followup.outbox.delay-after-publish", "0s");
            try (ServiceProcess second = ServiceProcess.start("contact-history-service", properties)) {
                await().atMost(PATIENCE).until(() -> versions(jdbcUrl, "SELECT task_id::text FROM follow_up_outbox").isEmpty()
                        && count(jdbcUrl, "SELECT count(*) FROM followup_pending") == 0
                        && count(jdbcUrl, "SELECT count(*) FROM follow_up_task") == 4);
                long expectedVersions = count(jdbcUrl, "SELECT sum(version) FROM follow_up_task");
                await().atMost(PATIENCE).untilAsserted(() -> {
                    published.addAll(poll(topic, relayId));
                    assertThat(published).hasSize((int) expectedVersions);
                });
                // Every version of every task, each exactly once.
                Set<String> expected = new HashSet<>();
                try (Connection c = DriverManager.getConnection(jdbcUrl, RealInfrastructure.dbUser(), RealInfrastructure.dbPassword());
                     Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT task_id::text, version FROM follow_up_task")) {
                    while (rs.next()) {
                        for (long v = 1; v <= rs.getLong(2); v++) {
                            expected.add(rs.getString(1) + ":" + v);
                        }
                    }
                }
                assertThat(published.stream().map(r -> key(r.value())).toList()).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(expected).hasSizeGreaterThan(4);
            }
        }
    }

    private static String key(FollowUpTask task) {
        return task.getTaskId() + ":" + task.getVersion();
    }

    private static void publish(List<ContactEvent> events) throws Exception {
        try (KafkaProducer<String, ContactEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true))) {
            for (ContactEvent event : events) {
                producer.send(new ProducerRecord<>(ContractTopic.CONTACT_EVENTS.topic(), event.getThreadKey(), event)).get();
            }
        }
    }

    /** The new group's committed offsets at the end of contact.events: the process reads only this test's events. */
    private static void startGroupAtTheEnd(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            String topic = ContractTopic.CONTACT_EVENTS.topic();
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        }
    }

    private static KafkaConsumer<String, FollowUpTask> followUpTopic() {
        KafkaConsumer<String, FollowUpTask> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(),
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), FollowUpTask.class));
        List<TopicPartition> partitions = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> !consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).isEmpty());
        consumer.partitionsFor(TOPIC).forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static List<ConsumerRecord<String, FollowUpTask>> poll(KafkaConsumer<String, FollowUpTask> consumer, String relayId) {
        List<ConsumerRecord<String, FollowUpTask>> mine = new ArrayList<>();
        for (ConsumerRecord<String, FollowUpTask> record : consumer.poll(Duration.ofMillis(300))) {
            Header relay = record.headers().lastHeader("omnirouter-relay");
            if (relay != null && new String(relay.value(), StandardCharsets.UTF_8).equals(relayId)) {
                mine.add(record);
            }
        }
        return mine;
    }

    private static Set<String> versions(String jdbcUrl, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, RealInfrastructure.dbUser(), RealInfrastructure.dbPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return values; // not migrated yet
            }
            throw e;
        }
        return values;
    }

    private static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, RealInfrastructure.dbUser(), RealInfrastructure.dbPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
