package io.omnirouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.action.PersonalActionFields;
import io.omnirouter.contact.PersonalContactFields;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the contract: every released version of every schema is kept in {@code schemas/history/<full name>/vN.avsc},
 * the current schema must equal the newest released one (so a change forces a new version file), and the
 * current schema must read data written with every older version (BACKWARD_TRANSITIVE), so no change can
 * break an adapter or a rebuild from the log.
 */
class SchemaEvolutionTest {

    /** What is guarded: every topic's values, and the records sealed inside them (read back from the log forever). */
    static Stream<Schema> guardedSchemas() {
        return Stream.concat(Arrays.stream(ContractTopic.values()).map(ContractTopic::valueSchema),
                Stream.of(PersonalContactFields.getClassSchema(), PersonalActionFields.getClassSchema()));
    }

    @ParameterizedTest
    @MethodSource("guardedSchemas")
    void currentSchemaIsTheNewestReleasedVersion(Schema current) {
        List<Schema> released = ReleasedSchemas.of(current.getFullName());

        assertThat(released)
                .as("released versions of %s in schemas/history", current.getFullName())
                .isNotEmpty();
        assertThat(current)
                .as("%s changed: add it as schemas/history/%s/v%d.avsc (and keep the old versions)",
                        current.getFullName(), current.getFullName(), released.size() + 1)
                .isEqualTo(released.get(released.size() - 1));
    }

    @ParameterizedTest
    @MethodSource("guardedSchemas")
    void currentSchemaReadsEveryOlderVersion(Schema current) {
        for (Schema older : ReleasedSchemas.of(current.getFullName())) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, older);
            assertThat(result.getType())
                    .as("%s must read data written with %s: %s", current.getFullName(),
                            older, result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest
    @MethodSource("guardedSchemas")
    void everyFieldIsDocumented(Schema current) {
        assertDocumented(current);
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
}
