package io.tradewind.opsconsole;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ops console's boundaries: the runbook speaks only to its own ports, adapters implement them, and nothing here
 * reaches into an app or into reconciliation-replay's internals.
 */
@AnalyzeClasses(packages = "io.tradewind.opsconsole", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noAppInternals = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.tradewind.tradematching..", "io.tradewind.settlementmatching..")
            .because("only the sandbox, the composition root, depends on the apps");

    @ArchTest
    static final ArchRule reconciliationOnlyThroughItsApi = noClasses()
            .should()
            .dependOnClassesThat(resideInAPackage("io.tradewind.reconciliation..")
                    .and(resideOutsideOfPackage("io.tradewind.reconciliation.api..")))
            .because("reconciliation-replay's api package is the one way in");

    @ArchTest
    static final ArchRule reconciliationOnlyFromItsAdapterAndWiring = noClasses()
            .that()
            .resideOutsideOfPackages("..opsconsole.adapter.reconciliation..", "..opsconsole.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.tradewind.reconciliation..")
            .because("the runbook reaches reconciliation through its Reconciliation port");

    @ArchTest
    static final ArchRule runbookDependsOnlyOnItsOwnPorts = classes()
            .that()
            .resideInAPackage("..opsconsole.runbook..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("..opsconsole.runbook..", "java..", "io.tradewind.model..")
            .because("the rotation's steps are plain Java over the runbook's ports; adapters plug in from outside");

    @ArchTest
    static final ArchRule accessIsPlainJava = classes()
            .that()
            .resideInAPackage("..opsconsole.access")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "..opsconsole.access",
                    "java..",
                    "io.tradewind.model..",
                    "com.fasterxml.jackson..",
                    "org.springframework.security.crypto..")
            .because("the service's chain and the command line decide who may do what by the same plain rules;"
                    + " Spring's web side lives in access.spring, AWS in an adapter");

    @ArchTest
    static final ArchRule flowDependsOnlyOnPortsAndTheModel = classes()
            .that()
            .resideInAPackage("..opsconsole.flow..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("..opsconsole.flow..", "..opsconsole.runbook..", "java..", "io.tradewind.model..")
            .because("the sampler is plain Java over ports: the actuator, ARC and the brokers plug in from outside");

    @ArchTest
    static final ArchRule apiTalksToPortsNotAdapters = noClasses()
            .that()
            .resideInAPackage("..opsconsole.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..opsconsole.adapter..", "..opsconsole.config..", "software.amazon..")
            .because("the API reads the sampler and calls the runbook's operations; the wiring is config's");
}
