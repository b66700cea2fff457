package io.omnirouter.faults;

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
 * The short fault run of every build: the real stack as processes (a reference run on one broker and one instance
 * of each service, then three brokers and two instances of each), one kill -9 of each service, one hard kill of the
 * leading broker, a 10 s PostgreSQL crash and one rebalance under traffic. Asserts what the harness promises: no
 * acknowledged event lost, none stored twice, the logs clean, the final state equal to the reference's. Numbers
 * (recovery times) are reported, never asserted. Uses the harness's ports (the local ones + 10000).
 */
class ShortFaultRunIT {

    /** Fixed, so that a red build can be repeated exactly: ./omnirouter faults --ci --seed 20261201. */
    private static final String SEED = "20261201";
    private static final List<Integer> PORTS = List.of(19092, 19094, 19096, 18081, 15432, 18080, 18180, 18082, 18182);

    @Test
    void under_kills_a_broker_loss_a_database_crash_and_a_rebalance_nothing_is_lost_or_doubled_and_the_state_equals_the_reference()
            throws IOException {
        Path home = Path.of(System.getProperty("omnirouter.home")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("faults.it.dir", "target/faults-it")).toAbsolutePath();
        Path results = dir.resolve("results");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);

        int exit = FaultsMain.run(new String[] {"--home", home.toString(), "--ci", "--seed", SEED,
                "--data-dir", dir.resolve("data").toString(), "--results-dir", results.toString()}, out, out);

        // The run's table is in every assertion message below and in the results file.
        String output = console.toString(StandardCharsets.UTF_8);
        JsonNode result = new ObjectMapper().readTree(newestJson(results).toFile());
        for (String key : FaultReport.requiredKeys()) {
            assertThat(result.has(key)).as("key %s in the results file", key).isTrue();
        }
        assertThat(result.get("seed").asLong()).isEqualTo(Long.parseLong(SEED));
        assertThat(result.get("faults").get("router_kill").asInt()).isEqualTo(1);
        assertThat(result.get("faults").get("history_kill").asInt()).isEqualTo(1);
        assertThat(result.get("faults").get("leader_broker_kill").asInt()).isEqualTo(1);
        assertThat(result.get("faults").get("postgres_crash").asInt()).isEqualTo(1);
        assertThat(result.get("faults").get("rebalance").asInt()).isEqualTo(1);
        assertThat(result.get("events_acknowledged").asLong()).as(output).isEqualTo(2_000);
        assertThat(result.get("lost").asLong()).as(output).isZero();
        assertThat(result.get("duplicated").asLong()).as(output).isZero();
        assertThat(result.get("contact_event_duplicates").asLong()).as(output).isZero();
        assertThat(result.get("task_version_conflicts").asLong()).as(output).isZero();
        assertThat(result.get("dead_letters").isEmpty()).as(output).isTrue();
        assertThat(result.get("lagging_groups").isEmpty()).as(output).isTrue();
        assertThat(result.get("open_transactions").isEmpty()).as(output).isTrue();
        assertThat(result.get("follow_up_backlog").asLong()).as(output).isZero();
        assertThat(result.get("state_equals_reference").asBoolean()).as(output).isTrue();
        assertThat(exit).as(output).isZero();
        for (int port : PORTS) {
            assertThat(listening(port)).as("something still listens on port %d after the run", port).isFalse();
        }
    }

    private static Path newestJson(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith("-ci.json"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified())).orElseThrow();
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
}
