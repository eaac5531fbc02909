package io.tradewind.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The platform's shape: plain Java that apps wire up, with the SDK kept out of the pieces that need none. */
@AnalyzeClasses(packages = "io.tradewind.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noSpringInThePlatform = noClasses()
            .that()
            .resideOutsideOfPackage("..platform.app.spring..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because(
                    "the app template's Spring wiring is the one place that knows Spring; the runtime stays framework-free");

    @ArchTest
    static final ArchRule resiliencePoliciesKnowNoAwsSdk = noClasses()
            .that()
            .resideInAPackage("..platform.resilience..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "jakarta.jms..")
            .because("retry and circuit breaking wrap any dependency, not one client library");

    @ArchTest
    static final ArchRule stagesSeeNoKcl = noClasses()
            .that()
            .haveNameNotMatching(".*\\.Kcl[A-Za-z]*(\\$.*)?") // KclStageConsumer and its nested processor
            .and()
            .resideInAPackage("..platform.stream..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon.kinesis..")
            .because("only the KCL consumer touches KCL; stages and the runner are plain Java");

    @ArchTest
    static final ArchRule noEmulatorsInProductionCode = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.tradewind.localaws..", "com.amazonaws.services.dynamodbv2.local..")
            .because("emulators are for the sandbox and tests only");

    @ArchTest
    static final ArchRule thePlatformKnowsNoApp = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.tradewind.tradematching..",
                    "io.tradewind.settlementmatching..",
                    "io.tradewind.reconciliation..",
                    "io.tradewind.opsconsole..")
            .because(
                    "apps plug into the template and the ports (MatchingApp, InputFates); the platform calls none of them");

    @ArchTest
    static final ArchRule theTemplateKnowsNoKclNorSpringOutsideItsWiring = noClasses()
            .that()
            .resideInAPackage("..platform.app..")
            .and()
            .resideOutsideOfPackage("..platform.app.spring..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon.kinesis..", "org.springframework..")
            .because("the template assembles stages from platform parts; only its Spring wiring knows Spring");
}
