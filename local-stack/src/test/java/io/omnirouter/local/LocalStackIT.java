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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./omnirouter up} as a user runs it: the launcher jar in a child process with a fresh data
 * directory and the simulator on; every part healthy and traffic flowing through the router; then
 * SIGTERM, and no process of the stack may outlive the launcher.
 *
 * <p>Uses the fixed local ports (9092, 9093, 8081, 5432, 8080, 8082): nothing else may use them meanwhile.
 */
class LocalStackIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final String READY = "Omnirouter is ready";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void starts_like_a_user_starts_it_routes_simulated_traffic_and_leaves_nothing_behind(@TempDir Path dataDir) throws Exception {
        Path home = Path.of(System.getProperty("omnirouter.home")).toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("omnirouter.launcher.jar"), "up", "--home", home.toString())
                .redirectErrorStream(true);
        builder.environment().put("OMNIROUTER_DATA_DIR", dataDir.toString());
        builder.environment().put("OMNIROUTER_SIMULATOR_RATE", "20");
        builder.environment().remove("OMNIROUTER_SIMULATOR");
        Process launcher = builder.start();
        Output output = new Output(launcher);

        List<ProcessHandle> stack = new ArrayList<>();
        try {
            assertThat(output.awaitReady(READY_TIMEOUT)).as("launcher output:%n%s", output).isTrue();

            stack.addAll(launcher.descendants().toList());
            // pg_ctl detaches the postmaster: not a descendant, but part of the stack all the same.
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
            stack.add(ProcessHandle.of(postmaster).orElseThrow());
            assertThat(stack).as("Kafka, registry, both services, PostgreSQL").hasSize(5).allMatch(ProcessHandle::isAlive);

            assertThat(get("http://localhost:8082/actuator/health")).contains("\"status\":\"UP\"");
            assertThat(get("http://localhost:8080/actuator/health")).contains("\"status\":\"UP\"");
            assertThat(get("http://localhost:8081/apis/ccompat/v7/subjects")).contains("channel.email-value");
            assertPostgres();
            assertThat(routedContacts()).as("records in contact.events").isPositive();
        } finally {
            // SIGTERM, like `kill` or a service manager. Not Process.destroy(): that also closes the output pipe.
            launcher.toHandle().destroy();
            if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
                stack.forEach(ProcessHandle::destroyForcibly);
            }
        }
        output.awaitEnd();
        assertThat(output.toString()).contains("Omnirouter stopped.");
        for (ProcessHandle process : stack) {
            assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("pid %d after stop", process.pid()).isFalse();
        }
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
