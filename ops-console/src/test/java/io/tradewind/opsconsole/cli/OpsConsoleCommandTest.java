package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpsConsoleCommandTest {

    /** Runs the command line with standard out captured; returns exit code and output. */
    private static String[] run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = OpsConsoleCommand.run(args);
            return new String[] {String.valueOf(exit), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void aDryRunPrintsThePlanOfBothAppsAndExitsZeroWithoutReachingAnything() {
        // Nothing runs on the sandbox's ports here: a dry run that tried to read or change anything would fail.
        String[] result = run("rotate", "--from", "us-east-1", "--to", "us-west-2", "--dry-run");

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1])
                .contains("Planned rotation of trade-matching and settlement-matching from us-east-1 to us-west-2")
                .contains("DRAIN")
                .contains("DATABASE_SWITCHOVER")
                .contains("set settlement-matching-inbound-us-west-2 On");
    }

    @Test
    void aFailoverDryRunHasNoDrainAndFailsTheDatabaseOver() {
        String[] result =
                run("failover", "--app", "trade-matching", "--from", "us-east-1", "--to", "us-west-2", "--dry-run");

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1])
                .contains("Failover of trade-matching")
                .doesNotContain("DRAIN")
                .contains("fail trade-matching's global database over to us-west-2")
                .doesNotContain("settlement-matching");
    }

    @Test
    void anUnknownRegionIsAUsageError() {
        String[] result = run("rotate", "--from", "us-east-1", "--to", "eu-west-9", "--dry-run");

        assertThat(result[0]).isEqualTo("2");
    }
}
