package io.tradewind.tradematching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape STYLE.md asks for: adapters and configuration depend on stages, stages on the domain, never back. */
@AnalyzeClasses(packages = "io.tradewind.tradematching", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy("..tradematching.domain..")
            .layer("Flow")
            .definedBy("..tradematching.flow..")
            .layer("Stages")
            .definedBy("..tradematching.stage..")
            .layer("Adapters")
            .definedBy("..tradematching.adapter..")
            .layer("Config")
            .definedBy("..tradematching.config..")
            .whereLayer("Config")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters")
            .mayOnlyBeAccessedByLayers("Config")
            .whereLayer("Stages")
            .mayOnlyBeAccessedByLayers("Adapters", "Config")
            .whereLayer("Flow")
            .mayOnlyBeAccessedByLayers("Stages", "Adapters", "Config")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Flow", "Stages", "Adapters", "Config");

    @ArchTest
    static final ArchRule domainIsPlainJava = classes()
            .that()
            .resideInAPackage("..tradematching.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.tradewind.model..", "io.tradewind.tradematching.domain..")
            .because("the lifecycle and the matching rules are pure and testable in milliseconds, without a database");

    @ArchTest
    static final ArchRule noStageImportsAnotherStage = slices().matching("..tradematching.stage.(*)..")
            .should()
            .notDependOnEachOther()
            .because("stages meet only on streams and through the domain");

    @ArchTest
    static final ArchRule stagesTouchNoInfrastructureDirectly = noClasses()
            .that()
            .resideInAPackage("..tradematching.stage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "software.amazon..", "java.sql..", "jakarta.jms..")
            .because("stages reach streams, queues and tables only through platform parts and their own ports");
}
