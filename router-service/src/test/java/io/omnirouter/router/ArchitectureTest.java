package io.omnirouter.router;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pipeline readable: the domain is plain Java, adapters depend on it, never the other way. The channel
 * mappings are domain too: what a channel's event means as a contact.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.omnirouter.router");

    @Test
    void theDomainModelAndUseCasesArePlainJava() {
        noClasses().that().resideInAnyPackage("..model..", "..application..", "..routing.channel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..", "io.micrometer..")
                .check(classes);
    }

    @Test
    void theDomainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAnyPackage("..model..", "..application..", "..routing.channel..")
                .should().dependOnClassesThat().resideInAnyPackage("..infrastructure..", "..config..")
                .check(classes);
    }
}
