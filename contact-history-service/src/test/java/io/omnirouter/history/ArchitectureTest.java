package io.omnirouter.history;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering inside each feature: a pure model, application use cases, infrastructure and web at the edge. */
@AnalyzeClasses(packages = "io.omnirouter.history", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule modelIsPureJava = noClasses().that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "org.apache.avro..", "java.sql..", "javax.sql..",
                    "tools.jackson..", "com.fasterxml..", "jakarta..", "io.omnirouter.contact..", "io.omnirouter.serde..")
            .because("the model holds the rules and must be testable and reusable without any framework");

    @ArchTest
    static final ArchRule applicationDoesNotReachIntoTheEdges = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("..infrastructure..", "..web..", "org.apache.kafka..", "java.sql..")
            .because("use cases talk to ports, the infrastructure implements them");

    @ArchTest
    static final ArchRule nothingDependsOnTheWebLayer = noClasses().that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..web..");
}
