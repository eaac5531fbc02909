package io.tradewind.reconciliation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Reconciliation reaches the apps only through the platform's ports: their answers, never their schema or classes. */
@AnalyzeClasses(packages = "io.tradewind.reconciliation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noAppInternals = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.tradewind.tradematching..", "io.tradewind.settlementmatching..")
            .because("each app answers for its inputs through InputFates; the apps are on the class path at run time"
                    + " only");

    @ArchTest
    static final ArchRule replayReadsNoTablesItself = noClasses()
            .that()
            .resideInAPackage("..reconciliation.replay..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.sql..")
            .because("an app's records are read by the app, the sent-log by the platform");
}
