package io.omnirouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Proves that the harness works end to end — the real stack started through the launcher, every phase run
 * with tiny numbers, the result file written — without asserting any performance figure (numbers are never
 * asserted in tests). Runs two instances of each service on one broker ({@code --brokers 1 --instances 2}): the
 * instance lists, summed costs and polled freshness of a scaled run, while CI's 20 minutes stay in reach; the fault
 * harness's CI run (ShortFaultRunIT) starts the whole production-like shape of three brokers. Uses the local stack's fixed ports
 * (brokers 9092-9097, registry 8081, PostgreSQL 5432, services 8080/8082 and 8180/8182): nothing else may use
 * them meanwhile, and nothing of the stack may outlive the run.
 */
class BenchSmokeIT {

    private static final List<Integer> PORTS = List.of(9092, 9093, 9094, 9095, 9096, 9097, 8081, 5432, 8080, 8082, 8180, 8182);

    @Test
    void a_tiny_run_on_two_instances_writes_every_key_as_a_number_and_stops_the_stack() throws IOException {
        Path home = Path.of(System.getProperty("omnirouter.home")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("bench.it.dir", "target/bench-it")).toAbsolutePath();
        Path results = dir.resolve("results");
        deleteJson(results);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(console, System.out), true, StandardCharsets.UTF_8);

        int exit = BenchMain.run(new String[] {"--home", home.toString(), "--smoke", "--brokers", "1", "--instances", "2", "--data-dir", dir.resolve("data").toString(),
                "--results-dir", results.toString()}, out, out);

        assertThat(exit).as("exit code; output:%n%s", console.toString(StandardCharsets.UTF_8)).isZero();
        Path file;
        try (Stream<Path> files = Files.list(results)) {
            // Named by mode and shape: one broker, two instances.
            file = files.filter(f -> f.toString().endsWith("-smoke-1b2i.json")).findFirst().orElseThrow();
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String key : Report.KEYS) {
            assertThat(json.has(key)).as("key %s in %s", key, file).isTrue();
            assertThat(json.get(key).isNumber()).as("%s is a number: %s", key, json.get(key)).isTrue();
        }
        assertThat(json.get("kafka_brokers").asInt()).isEqualTo(1);
        assertThat(json.get("instances_per_service").asInt()).isEqualTo(2);
        assertThat(json.get("date").asText()).isNotBlank();
        assertThat(json.get("commit").asText()).isNotBlank();
        assertThat(json.get("machine").get("cores").isNumber()).isTrue();
        assertThat(json.get("machine").get("memory_mb").isNumber()).isTrue();
        assertThat(json.get("machine").get("jdk").asText()).isNotBlank();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("Router throughput", "History ingest", "Freshness",
                "Timeline page", "Cost/event", "Peak RSS");
        for (int port : PORTS) {
            assertThat(listening(port)).as("something still listens on port %d after the run", port).isFalse();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteJson(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Shows the run's progress in the build log and keeps it for the assertion message. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            a.write(bytes, offset, length);
            b.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
