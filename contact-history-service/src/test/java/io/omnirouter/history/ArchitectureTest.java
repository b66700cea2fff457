package io.omnirouter.history;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering inside each feature: a pure model, application use cases, infrastructure and web at the edge. */
@AnalyzeClasses(packages = "io.omnirouter.history", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The contract's enums (io.omnirouter.contact.Channel, ContactKind, …) are plain data: the model may use them, so
     * that a new channel or kind of the contract needs no enum of its own here. Its records, and Avro itself, it may not.
     */
    private static final DescribedPredicate<JavaClass> CONTRACT_ENUM =
            resideInAnyPackage("io.omnirouter.contact..").and(DescribedPredicate.describe("enums", JavaClass::isEnum));

    @ArchTest
    static final ArchRule modelIsPureJava = noClasses().that().resideInAPackage("..model..")
            .should().dependOnClassesThat(resideInAnyPackage(
                    "org.springframework..", "org.apache.kafka..", "org.apache.avro..", "java.sql..", "javax.sql..",
                    "tools.jackson..", "com.fasterxml..", "jakarta..", "io.omnirouter.contact..", "io.omnirouter.serde..")
                    .and(DescribedPredicate.not(CONTRACT_ENUM)))
            .because("the model holds the rules and must be testable and reusable without any framework; the contract's "
                    + "enums are plain data");

    @ArchTest
    static final ArchRule applicationDoesNotReachIntoTheEdges = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("..infrastructure..", "..web..", "org.apache.kafka..", "java.sql..")
            .because("use cases talk to ports, the infrastructure implements them");

    @ArchTest
    static final ArchRule nothingDependsOnTheWebLayer = noClasses().that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..web..");
}
