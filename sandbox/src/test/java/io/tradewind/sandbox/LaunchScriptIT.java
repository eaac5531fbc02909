package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's run command, {@code ./tradewind sandbox}, and the drill's and load test's: the script starts the built
 * jar with the JVM flags the sandbox needs (docs/architecture.md, "The sandbox's JVM") and hands it every argument
 * as given. The JVM prints the flags it runs with ({@code -XX:+PrintCommandLineFlags}), so a flag the script drops fails.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "a POSIX shell script")
class LaunchScriptIT {
    /** -XX:ReservedCodeCacheSize=240m as the JVM reports it, in bytes. */
    private static final String CODE_CACHE_240_MB = "-XX:ReservedCodeCacheSize=" + 240 * 1024 * 1024;

    @ParameterizedTest
    @CsvSource({
        "sandbox, 'Usage: tradewind-sandbox '",
        "drill, 'Usage: tradewind-sandbox drill '",
        "load-test, 'Usage: tradewind-sandbox load-test '"
    })
    void runsEachCommandOnTheQuickJitWithTheLargerCodeCache(String command, String usage) throws Exception {
        LaunchScript.Run run = LaunchScript.run(
                LaunchScript.IN_REPOSITORY,
                environment -> environment.put("JAVA_TOOL_OPTIONS", "-XX:+PrintCommandLineFlags"),
                command,
                "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(usage).contains("-XX:TieredStopAtLevel=1", CODE_CACHE_240_MB);
    }

    @Test
    void passesEachArgumentOnAsOneWord() throws Exception {
        LaunchScript.Run run = LaunchScript.run("load-test", "--pairs", "two thousand");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--pairs': 'two thousand' ");
    }
}
