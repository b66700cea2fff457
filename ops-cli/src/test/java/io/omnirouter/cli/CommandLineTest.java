package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without Kafka or a registry: usage, validation, and what an unreachable broker looks like. */
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void helpListsTheCommands() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("publish", "tail", "dlq", "lag", "schemas", "--bootstrap-servers", "--registry",
                "KAFKA_BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL");
    }

    @Test
    void publishHelpSaysNothingIsPublishedUnlessEveryLineIsValid() {
        CliRun run = CliRun.run("publish", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NOTHING is published", "--raw", "--key-field");
        // The help wraps lines at spaces and dots: compare without white space.
        assertThat(run.out().replaceAll("\\s+", "")).contains(
                ("A topic of the contract: " + String.join(", ", ContractTopic.channelTopicNames())).replace(" ", ""),
                "channel.social:conversationId", "channel.webshop:customer.shopCustomerId,elseorderId,elsemeta.eventId");
    }

    @Test
    void wrongUsageIsOneLineAndExitCode2() {
        CliRun missing = CliRun.run("publish", "channel.email");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().lines()).singleElement().asString()
                .startsWith("error: Missing required parameter: '<file.jsonl>'")
                .endsWith("(see 'omnirouter cli publish --help')");

        CliRun noCommand = CliRun.run();
        assertThat(noCommand.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noCommand.err()).startsWith("error: missing command");

        CliRun unknownOption = CliRun.run("lag", "--grup", "x");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOption.err().lines()).hasSize(1);
    }

    @Test
    void anUnknownTopicNamesTheKnownOnes() {
        CliRun run = CliRun.run("publish", "channel.fax", "x.jsonl");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: unknown topic 'channel.fax'; known: channel.phone, channel.email, ")
                .contains(ContractTopic.channelTopicNames())
                .endsWith(", contact.events, followup.tasks, agent.actions" + System.lineSeparator());
    }

    @Test
    void dlqCommandsWantADeadLetterTopic() {
        CliRun run = CliRun.run("dlq", "show", "channel.email");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: 'channel.email' is not a dead-letter topic (<topic>.DLT); did you mean 'channel.email.DLT'?");
    }

    @Test
    void aMalformedLineIsReportedBeforeKafkaIsEverContacted() throws IOException {
        Path file = dir.resolve("emails.jsonl");
        Files.write(file, List.of(Samples.shortEmail("e-1", "m-1"), "{\"meta\": {}}"));

        CliRun run = CliRun.run("publish", "channel.email", file.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("error: " + file + " line 2: missing field 'meta.eventId'; nothing was published"
                + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aDryRunOnlyValidates() throws IOException {
        Path file = dir.resolve("emails.jsonl");
        Files.write(file, List.of(Samples.shortEmail("e-1", "m-1"), Samples.strictEmail("e-2", "m-2")));

        CliRun run = CliRun.run("publish", "channel.email", file.toString(), "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("validated 2 records for channel.email (dry run: nothing published)");
    }

    @Test
    void aMissingFileIsOneLine() {
        CliRun run = CliRun.run("publish", "channel.email", dir.resolve("nope.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).startsWith("error: no such file: ").doesNotContain("Exception");
    }

    @Test
    void anUnreachableBrokerIsOneLineWithoutAStackTraceAndGlobalOptionsWorkAfterTheCommand() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();

        CliRun run = CliRun.run("lag", "--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + closedPort
                + " (timeout after 2 s trying to describe the cluster)" + System.lineSeparator());
        assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(10);
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        CliRun run = CliRun.run("--verbose", "publish", "channel.email", dir.resolve("nope.jsonl").toString());

        assertThat(run.err()).contains("at io.omnirouter.cli.PublishCommand").contains("error: no such file");
    }

    @Test
    void anUnreachableRegistryIsOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun run = CliRun.run("schemas", "list", "--registry", "http://127.0.0.1:" + closedPort, "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err().lines()).singleElement().asString()
                .isEqualTo("error: cannot reach the schema registry at http://127.0.0.1:" + closedPort + " (connection refused)");
    }
}
