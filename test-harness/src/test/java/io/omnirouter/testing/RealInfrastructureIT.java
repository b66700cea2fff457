package io.omnirouter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class RealInfrastructureIT {

    private static final Pattern SCHEMA_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    @Test
    void postgresIsVersion17WithSynchronousCommit() throws SQLException {
        assertThat(queryString("SHOW server_version")).startsWith("17");
        assertThat(queryString("SHOW synchronous_commit")).isEqualTo("on");
    }

    @Test
    void registryRegistersAnAvroSchemaAndReturnsItById() throws Exception {
        String schema = "{\"type\":\"record\",\"name\":\"Probe\",\"namespace\":\"io.omnirouter.test\","
                + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        String subject = "probe-" + UUID.randomUUID() + "-value";
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(RealInfrastructure.registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":" + jsonString(schema) + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        Matcher id = SCHEMA_ID.matcher(registered.body());
        assertThat(id.find()).as("schema id in %s", registered.body()).isTrue();

        HttpResponse<String> fetched = http.send(HttpRequest.newBuilder(
                        URI.create(RealInfrastructure.registryUrl() + "/schemas/ids/" + id.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("Probe", "io.omnirouter.test");
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        String topic = "probe-" + UUID.randomUUID();
        RealInfrastructure.createTopics(3, topic);
        RealInfrastructure.createTopics(3, topic); // idempotent

        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "probe-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", "committed"));
            producer.commitTransaction();
        }

        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(record.value());
                }
                return seen.contains("committed");
            });
        }
        // Same key, same partition: the aborted record precedes the committed one and must have been skipped.
        assertThat(seen).containsExactly("committed");
    }

    @Test
    void cleanDatabaseEmptiesTablesButKeepsFlywayHistory() throws SQLException {
        execute("CREATE TABLE IF NOT EXISTS probe (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT)");
        execute("CREATE TABLE IF NOT EXISTS flyway_schema_history (version TEXT)");
        execute("INSERT INTO probe (name) VALUES ('a'), ('b')");
        execute("INSERT INTO flyway_schema_history VALUES ('1')");

        RealInfrastructure.cleanDatabase();

        assertThat(queryString("SELECT count(*) FROM probe")).isEqualTo("0");
        assertThat(queryString("SELECT count(*) FROM flyway_schema_history")).isNotEqualTo("0");
        execute("INSERT INTO probe (name) VALUES ('c')");
        assertThat(queryString("SELECT id FROM probe")).as("identity restarted").isEqualTo("1");
    }

    private static String queryString(String sql) throws SQLException {
        try (Connection connection = RealInfrastructure.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = RealInfrastructure.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
