package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./tradewind} says before it starts a JVM: its usage, and one line naming what is missing when it cannot
 * run the sandbox. It runs here from a copy outside the repository, where no jar has been built.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "a POSIX shell script")
class LaunchScriptTest {
    @TempDir
    Path checkout;

    private Path copyOfTheScript() throws Exception {
        return Files.copy(
                LaunchScript.IN_REPOSITORY, checkout.resolve("tradewind"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    @Test
    void helpListsEveryCommandAndExitsZero() throws Exception {
        LaunchScript.Run run = LaunchScript.run(copyOfTheScript(), environment -> {}, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Usage: ./tradewind COMMAND")
                .contains("  sandbox ", "  drill ", "  load-test ", "  post ")
                .contains("./mvnw -B -DskipTests install");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void showsTheUsageAsAnErrorWhenGivenNoCommand() throws Exception {
        LaunchScript.Run run = LaunchScript.run(copyOfTheScript(), environment -> {});

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("Usage: ./tradewind COMMAND");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void refusesAnUnknownCommandInOneLine() throws Exception {
        LaunchScript.Run run = LaunchScript.run(copyOfTheScript(), environment -> {}, "sandbox-please");

        assertFailsInOneLine(run, 2, "unknown command 'sandbox-please'", "sandbox, drill, load-test, post");
    }

    @Test
    void saysHowToBuildWhenTheJarIsNotBuilt() throws Exception {
        LaunchScript.Run run = LaunchScript.run(copyOfTheScript(), environment -> {}, "sandbox");

        assertFailsInOneLine(
                run, 1, "sandbox/target/tradewind-sandbox.jar is not built", "./mvnw -B -DskipTests install");
    }

    @Test
    void namesTheMissingJavaWhenJavaHomeHasNone() throws Exception {
        Path emptyJdk = Files.createDirectory(checkout.resolve("not-a-jdk"));

        LaunchScript.Run run = LaunchScript.run(
                copyOfTheScript(), environment -> environment.put("JAVA_HOME", emptyJdk.toString()), "drill");

        assertFailsInOneLine(run, 1, "no java at " + emptyJdk.resolve("bin/java"));
    }

    @Test
    void saysJavaIsMissingWhenNeitherJavaHomeNorThePathHasIt() throws Exception {
        Path emptyPath = Files.createDirectory(checkout.resolve("empty-path"));

        LaunchScript.Run run = LaunchScript.run(
                copyOfTheScript(),
                environment -> {
                    environment.remove("JAVA_HOME");
                    environment.put("PATH", emptyPath.toString());
                },
                "load-test");

        assertFailsInOneLine(run, 1, "java is not on the PATH");
    }

    /** The script stopped with {@code exitCode} and said why in one line of standard error, naming {@code what}. */
    private static void assertFailsInOneLine(LaunchScript.Run run, int exitCode, String... what) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().lines()).singleElement().asString().contains(what);
    }
}
