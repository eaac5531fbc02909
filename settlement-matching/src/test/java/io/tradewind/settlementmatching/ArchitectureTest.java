package io.tradewind.settlementmatching;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shape STYLE.md asks for: adapters and configuration depend on stages, stages on the domain, never back. */
@AnalyzeClasses(packages = "io.tradewind.settlementmatching", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain")
            .definedBy("..settlementmatching.domain..")
            .layer("Flow")
            .definedBy("..settlementmatching.flow..")
            .layer("Stages")
            .definedBy("..settlementmatching.stage..")
            .layer("Adapters")
            .definedBy("..settlementmatching.adapter..")
            .layer("Config")
            .definedBy("..settlementmatching.config..")
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
            .resideInAPackage("..settlementmatching.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.tradewind.model..", "io.tradewind.settlementmatching.domain..")
            .because("the settlement lifecycle is pure: testable in milliseconds, without a database");

    @ArchTest
    static final ArchRule domainReachesNoDatabase = noClasses()
            .that()
            .resideInAPackage("..settlementmatching.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..")
            .because("the book's adapter locks, loads and writes; the lifecycle only decides");

    @ArchTest
    static final ArchRule noStageImportsAnother = slices().matching("io.tradewind.settlementmatching.stage.(*)..")
            .should()
            .notDependOnEachOther()
            .because("stages meet only on streams, through the flow records and their ports");

    @ArchTest
    static final ArchRule stagesTouchNoInfrastructureDirectly = noClasses()
            .that()
            .resideInAPackage("..settlementmatching.stage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "software.amazon..", "java.sql..", "jakarta.jms..")
            .because("stages reach streams, queues and tables only through platform parts and their own ports");
}
