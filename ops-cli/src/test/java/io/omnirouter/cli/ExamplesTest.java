package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;

/** The example files in ops-cli/examples stay valid as the contract evolves. */
class ExamplesTest {

    @Test
    void everyChannelExampleValidates() {
        for (ContractTopic channel : ContractTopic.channels()) {
            Path file = Path.of("examples", channel.topic() + ".jsonl");

            CliRun run = CliRun.run("publish", channel.topic(), file.toString(), "--dry-run");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("validated ");
        }
    }

    @Test
    void theMalformedExampleIsRejectedUnlessRaw() {
        CliRun validated = CliRun.run("publish", "channel.email", "examples/malformed.txt", "--dry-run");
        assertThat(validated.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(validated.err()).contains("line 1: unknown field 'note'");

        CliRun raw = CliRun.run("publish", "channel.email", "examples/malformed.txt", "--raw", "--dry-run");
        assertThat(raw.exitCode()).as(raw.toString()).isZero();
    }
}
