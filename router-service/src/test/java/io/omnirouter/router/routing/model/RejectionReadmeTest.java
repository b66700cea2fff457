package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter section of the Kafka contract (docs/kafka-contract.md, linked from README.md "The Kafka contract")
 * is where adapter teams read why their records were refused: every kind of rejection must be listed there with its
 * reason as the router writes it ({@code <…>} where the template has an argument).
 */
class RejectionReadmeTest {

    @Test
    void theKafkaContractListsEveryRejectionWithItsReason() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "kafka-contract.md"));
        for (Rejection rejection : Rejection.values()) {
            String row = lines.stream().filter(line -> line.startsWith("| `" + rejection.name() + "` |")).findFirst().orElse(null);
            assertThat(row).as("docs/kafka-contract.md row of " + rejection).isNotNull();
            assertThat(row).as("docs/kafka-contract.md reason of " + rejection).containsPattern(asReadmeText(rejection.template()));
        }
    }

    /** The template with each %s / %d as {@code <…>}. */
    private static Pattern asReadmeText(String template) {
        StringBuilder regex = new StringBuilder("`");
        String[] literals = template.split("%[sd]", -1);
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append("<[^>]+>");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.append('`').toString());
    }
}
