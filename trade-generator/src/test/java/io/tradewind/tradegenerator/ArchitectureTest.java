package io.tradewind.tradegenerator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape STYLE.md asks for: entry points and adapters depend on posting, posting on the domain, never back. */
@AnalyzeClasses(packages = "io.tradewind.tradegenerator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy("..tradegenerator.domain..")
            .layer("Posting")
            .definedBy("..tradegenerator.posting..")
            .layer("Adapters")
            .definedBy("..tradegenerator.adapter..")
            .layer("Cli")
            .definedBy("..tradegenerator.cli..")
            .layer("Config")
            .definedBy("..tradegenerator.config..")
            .whereLayer("Config")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters")
            .mayOnlyBeAccessedByLayers("Cli", "Config")
            .whereLayer("Posting")
            .mayOnlyBeAccessedByLayers("Adapters", "Cli", "Config")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Posting", "Adapters", "Cli", "Config");

    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses()
            .that()
            .resideInAPackage("..tradegenerator.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "software.amazon..", "com.fasterxml..", "jakarta..", "org.apache..")
            .because("what the generator generates is pure and testable in milliseconds");

    @ArchTest
    static final ArchRule postingTouchesNoInfrastructure = noClasses()
            .that()
            .resideInAPackage("..tradegenerator.posting..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "software.amazon..", "jakarta.jms..", "com.fasterxml..")
            .because("posting reaches the broker and files only through its ports");
}
