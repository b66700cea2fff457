package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./omnirouter up} as a user runs it: the launcher jar in a child process with a fresh data
 * directory and the simulator on; every part healthy and traffic flowing through the router; the ops
 * engineer's CLI against it (publish, tail, dead letters and their replay); then SIGTERM, and no process of
 * the stack may outlive the launcher. One stack for the whole class: starting it is the expensive part.
 *
 * <p>Uses the fixed local ports (9092, 9093, 8081, 5432, 8080, 8082): nothing else may use them meanwhile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String READY = "Omnirouter is ready";
    /** Small, so the test can publish an event "from the future" and then let the clock catch up (the fix). */
    private static final Duration MAX_FUTURE_SKEW = Duration.ofSeconds(15);
    private static final String PASSWORD = "local-stack-it";

    @TempDir
    static Path dataDir;

    private static Process launcher;
    private static Output output;
    private static final List<ProcessHandle> stack = new ArrayList<>();
    private static Path home;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        home = Path.of(System.getProperty("omnirouter.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", System.getProperty("omnirouter.launcher.jar"), "up",
                "--home", home.toString())
                .redirectErrorStream(true);
        builder.environment().put("OMNIROUTER_DATA_DIR", dataDir.toString());
        builder.environment().put("OMNIROUTER_SIMULATOR_RATE", "20");
        builder.environment().put("OMNIROUTER_LOCAL_PASSWORD", PASSWORD);
        // Reaches the router through the launcher's environment (Spring's relaxed binding).
        builder.environment().put("OMNIROUTER_ROUTER_VALIDATION_MAXFUTURESKEW", MAX_FUTURE_SKEW.toString());
        builder.environment().remove("OMNIROUTER_SIMULATOR");
        launcher = builder.start();
        output = new Output(launcher);
        assertThat(output.awaitReady(READY_TIMEOUT)).as("launcher output:%n%s", output).isTrue();

        stack.addAll(launcher.descendants().toList());
        // pg_ctl detaches the postmaster: not a descendant, but part of the stack all the same.
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
        stack.add(ProcessHandle.of(postmaster).orElseThrow());
    }

    @AfterAll
    static void downLeavesNothingBehind() throws Exception {
        if (launcher == null) {
            return;
        }
        // SIGTERM, like `kill` or a service manager. Not Process.destroy(): that also closes the output pipe.
        launcher.toHandle().destroy();
        if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
            stack.forEach(ProcessHandle::destroyForcibly);
        }
        output.awaitEnd();
        assertThat(output.toString()).contains("Omnirouter stopped.");
        for (ProcessHandle process : stack) {
            assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("pid %d after stop", process.pid()).isFalse();
        }
    }

    @Test
    @Order(1)
    void everyPartIsUpAndSimulatedTrafficFlowsThroughTheRouter() throws Exception {
        assertThat(stack).as("Kafka, registry, both services, PostgreSQL").hasSize(5).allMatch(ProcessHandle::isAlive);
        assertThat(get("http://localhost:8082/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("http://localhost:8080/actuator/health")).contains("\"status\":\"UP\"");
        assertThat(get("http://localhost:8081/apis/ccompat/v7/subjects")).contains("channel.email-value");
        assertPostgres();
        assertThat(routedContacts()).as("records in contact.events").isPositive();
    }

    @Test
    @Order(2)
    void aJsonlFilePublishedWithTheCliEndsAsOneUnifiedCustomerInTheApi(@TempDir Path files) throws Exception {
        String person = "cli." + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path emails = Files.writeString(files.resolve("emails.jsonl"), String.format(
                "{\"meta\":{\"eventId\":\"%1$s-mail\",\"occurredAt\":\"%2$s\",\"source\":\"it\"},\"messageId\":\"<%1$s@mail>\","
                        + "\"references\":[],\"direction\":\"INBOUND\",\"customer\":{\"email\":\" %3$s@Example.com \"},"
                        + "\"subject\":\"Order\",\"bodyText\":\"Where is my parcel?\",\"attachmentNames\":[]}%n",
                person, now.minusSeconds(120), person.toUpperCase(Locale.ROOT)));
        Path orders = Files.writeString(files.resolve("orders.jsonl"), String.format(
                "{\"meta\":{\"eventId\":\"%1$s-order\",\"occurredAt\":\"%2$s\",\"source\":\"it\"},\"kind\":\"ORDER_PLACED\","
                        + "\"customer\":{\"email\":\"%1$s@example.com\",\"shopCustomerId\":\"C-%1$s\"},\"segment\":\"B2C\",\"orderId\":\"O-%1$s\"}%n",
                person, now.minusSeconds(60)));

        assertThat(cli("publish", "channel.email", emails.toString())).contains("published 1 record to channel.email");
        assertThat(cli("publish", "channel.webshop", orders.toString())).contains("published 1 record to channel.webshop");

        JsonNode timeline = Awaitility.await("the unified customer in the API").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> timelineOf("shopCustomerId", "C-" + person), items -> items != null && items.size() == 2);
        assertThat(timeline.get(0).get("channel").asText()).isEqualTo("WEBSHOP");
        assertThat(timeline.get(1).get("channel").asText()).isEqualTo("EMAIL");
    }

    @Test
    @Order(3)
    void tailDecodesContactEventsAndFollowUpTasks() throws Exception {
        String contacts = cli("tail", "contact.events", "--from-beginning", "--max", "3");
        assertThat(contacts.lines().filter(line -> line.startsWith("{"))).hasSize(3).allSatisfy(line -> {
            assertThat(line).contains("\"topic\":\"contact.events\"").contains("\"contactId\"").contains("\"threadKey\"");
        });
        // The simulator's customers have been promised answers by now: their tasks are on followup.tasks.
        String tasks = Awaitility.await("follow-up tasks").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> cli("tail", "followup.tasks", "--from-beginning", "--max", "2"),
                        out -> out.lines().filter(line -> line.startsWith("{")).count() == 2);
        assertThat(tasks.lines().filter(line -> line.startsWith("{"))).allSatisfy(line -> {
            assertThat(line).contains("\"topic\":\"followup.tasks\"").contains("\"taskId\"").contains("\"dueAt\"");
        });
    }

    /**
     * An adapter whose clock runs ahead: its event is dead-lettered; ops sees why; once the cause is gone
     * (here: the clock caught up) a replay delivers it, exactly once.
     */
    @Test
    @Order(4)
    void aRejectedRecordLandsInTheDltIsExplainedAndIsReplayedOnceAfterTheFix(@TempDir Path files) throws Exception {
        String person = "ahead." + UUID.randomUUID().toString().substring(0, 8);
        Instant ahead = Instant.now().plus(MAX_FUTURE_SKEW).plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        Path email = Files.writeString(files.resolve("ahead.jsonl"), String.format(
                "{\"meta\":{\"eventId\":\"%1$s\",\"occurredAt\":\"%2$s\",\"source\":\"clock-ahead\"},\"messageId\":\"<%1$s@mail>\","
                        + "\"references\":[],\"direction\":\"INBOUND\",\"customer\":{\"email\":\"%1$s@example.com\"},"
                        + "\"subject\":\"Hi\",\"bodyText\":\"Hello?\",\"attachmentNames\":[]}%n", person, ahead));
        cli("publish", "channel.email", email.toString());

        Awaitility.await("the dead letter").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> cli("dlq", "show", "channel.email.DLT", "--not-replayed"), shown -> shown.contains(person));
        assertThat(cli("dlq", "show", "channel.email.DLT", "--not-replayed")).contains("in the future");
        assertThat(cli("dlq", "list")).contains("channel.email.DLT");

        Awaitility.await("the adapter's time is no longer ahead").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> !Instant.now().plus(MAX_FUTURE_SKEW).isBefore(ahead));
        assertThat(cli("dlq", "replay", "channel.email.DLT")).contains("replayed 1 record from channel.email.DLT to channel.email");
        assertThat(cli("dlq", "replay", "channel.email.DLT")).contains("replayed 0 records");

        JsonNode timeline = Awaitility.await("the replayed contact in the API").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> timelineOf("email", person + "@example.com"), items -> items != null && items.size() == 1);
        assertThat(timeline.get(0).get("sourceEventId").asText()).isEqualTo(person);
    }

    /** Runs {@code ./omnirouter cli …} the way the launcher script does, and returns its standard output. */
    private static String cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", home.resolve("ops-cli/target/ops-cli.jar").toString()));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("cli %s finished", List.of(args)).isTrue();
        assertThat(cli.exitValue()).as("cli %s exit code; output:%n%s", List.of(args), out).isZero();
        return out;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Timeline items of the customer an identifier belongs to, or null while unknown. */
    private JsonNode timelineOf(String parameter, String value) throws IOException, InterruptedException {
        HttpResponse<String> customer = api("/api/customers/lookup?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        if (customer.statusCode() == 404) {
            return null;
        }
        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        String id = JSON.readTree(customer.body()).get("customerId").asText();
        HttpResponse<String> timeline = api("/api/customers/" + id + "/timeline");
        assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
        return JSON.readTree(timeline.body()).get("items");
    }

    private HttpResponse<String> api(String path) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString(("agent:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:8080" + path))
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    /** PostgreSQL 17 with durable commits, and the application database. */
    private static void assertPostgres() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/omnirouter", "omnirouter", "omnirouter");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num'), current_setting('synchronous_commit')")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("17");
            assertThat(row.getString(2)).isEqualTo("on");
        }
    }

    /** Committed records in contact.events: the simulator's events made it through the router. */
    private static int routedContacts() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("contact.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int records = 0;
            while (records == 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(record.value()[0]).as("Confluent wire format magic byte").isZero();
                    records++;
                }
            }
            return records;
        }
    }

    /** The launcher's output, collected line by line. */
    private static final class Output {

        private final List<String> lines = new ArrayList<>();
        private final CountDownLatch ready = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);

        Output(Process process) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.contains(READY)) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    synchronized (lines) {
                        lines.add("(output unreadable: " + e + ")");
                    }
                } finally {
                    ready.countDown(); // the launcher gave up: no need to wait for the timeout
                    ended.countDown();
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        boolean awaitReady(Duration timeout) throws InterruptedException {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && toString().contains(READY);
        }

        void awaitEnd() throws InterruptedException {
            assertThat(ended.await(10, TimeUnit.SECONDS)).as("launcher output closed").isTrue();
        }

        @Override
        public String toString() {
            synchronized (lines) {
                return String.join(System.lineSeparator(), lines);
            }
        }
    }
}
