package io.omnirouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards the contract: every released version of every schema is kept in {@code schemas/history/<full name>/vN.avsc},
 * the current schema must equal the newest released one (so a change forces a new version file), and the
 * current schema must read data written with every older version (BACKWARD_TRANSITIVE), so no change can
 * break an adapter or a rebuild from the log.
 */
class SchemaEvolutionTest {

    private static final Path HISTORY = Path.of("history");

    @ParameterizedTest
    @EnumSource(ContractTopic.class)
    void currentSchemaIsTheNewestReleasedVersion(ContractTopic topic) {
        List<Schema> released = releasedVersions(topic.valueSchema());

        assertThat(released)
                .as("released versions of %s in %s", topic.valueSchema().getFullName(), HISTORY)
                .isNotEmpty();
        assertThat(topic.valueSchema())
                .as("%s changed: add it as %s/v%d.avsc (and keep the old versions)",
                        topic.valueSchema().getFullName(), HISTORY, released.size() + 1)
                .isEqualTo(released.get(released.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(ContractTopic.class)
    void currentSchemaReadsEveryOlderVersion(ContractTopic topic) {
        for (Schema older : releasedVersions(topic.valueSchema())) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(topic.valueSchema(), older);
            assertThat(result.getType())
                    .as("%s must read data written with %s: %s", topic.valueSchema().getFullName(),
                            older, result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @EnumSource(ContractTopic.class)
    void everyFieldIsDocumented(ContractTopic topic) {
        assertDocumented(topic.valueSchema());
    }

    private static void assertDocumented(Schema schema) {
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(field -> {
                assertThat(field.doc()).as("doc of %s.%s", schema.getFullName(), field.name()).isNotBlank();
                assertDocumented(field.schema());
            });
            case UNION -> schema.getTypes().forEach(SchemaEvolutionTest::assertDocumented);
            case ARRAY -> assertDocumented(schema.getElementType());
            default -> { }
        }
    }

    /** Released versions of a schema, oldest first (v1, v2, … by number, not by string). */
    static List<Schema> releasedVersions(Schema schema) {
        Path dir = HISTORY.resolve(schema.getFullName());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaEvolutionTest::versionNumber))
                    .map(SchemaEvolutionTest::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int versionNumber(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
