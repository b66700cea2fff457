package io.omnirouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroPackagesTest {

    @Test
    void everyNamespaceOfTheContractIsSerializable() {
        Set<String> namespaces = new HashSet<>();
        for (ContractTopic topic : ContractTopic.values()) {
            collect(topic.valueSchema(), namespaces, new HashSet<>());
        }
        assertThat(Arrays.asList(AvroPackages.SERIALIZABLE.split(","))).containsExactlyInAnyOrderElementsOf(namespaces);
    }

    @Test
    void theTestJvmsGetTheSamePackages() throws IOException {
        List<String> pom = Files.readAllLines(Path.of("..", "pom.xml"));
        assertThat(pom).contains("    <avro.serializable.packages>" + AvroPackages.SERIALIZABLE + "</avro.serializable.packages>");
    }

    private static void collect(Schema schema, Set<String> namespaces, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    namespaces.add(schema.getNamespace());
                    schema.getFields().forEach(field -> collect(field.schema(), namespaces, seen));
                }
            }
            case ENUM, FIXED -> namespaces.add(schema.getNamespace());
            case UNION -> schema.getTypes().forEach(type -> collect(type, namespaces, seen));
            case ARRAY -> collect(schema.getElementType(), namespaces, seen);
            case MAP -> collect(schema.getValueType(), namespaces, seen);
            default -> { }
        }
    }
}
