package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.config.RunbookTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** An AWS topology: two regions, Aurora global clusters, the SDK's default endpoints. */
    static final String AWS_TOPOLOGY =
            """
            {
              "arcEndpoints": ["https://host-aaaaaa.us-east-1.example.com/v1", "https://host-bbbbbb.us-west-2.example.com/v1"],
              "controlPanelArn": "arn:aws:route53-recovery-control::123456789012:controlpanel/0123456789abcdef",
              "auroraGlobalClusters": {"trade-matching": "tradewind-trade-matching",
                                       "settlement-matching": "tradewind-settlement-matching"},
              "regions": {
                "us-east-1": {"broker": "ssl://b-1.mq.us-east-1.amazonaws.com:61617",
                              "jdbcUrl": "jdbc:postgresql://tm.cluster-x.us-east-1.rds.amazonaws.com/tradewind",
                              "dbUser": "runbook", "dbPassword": "from-a-secret",
                              "actuators": {"trade-matching": "https://tm.internal.us-east-1.example.com"}},
                "us-west-2": {"broker": "ssl://b-2.mq.us-west-2.amazonaws.com:61617",
                              "jdbcUrl": "jdbc:postgresql://tm.cluster-y.us-west-2.rds.amazonaws.com/tradewind",
                              "dbUser": "runbook", "dbPassword": "from-a-secret",
                              "actuators": {"trade-matching": "https://tm.internal.us-west-2.example.com"}}
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aDryRunOnAnAwsTopologyPrintsThePlanWithoutReachingAws() throws Exception {
        Path topology = Files.writeString(dir.resolve("aws.json"), AWS_TOPOLOGY);

        String[] result = run(
                "failover", "--topology", topology.toString(), "--from", "us-east-1", "--to", "us-west-2", "--dry-run");

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("fail trade-matching's global database over to us-west-2");
    }

    @Test
    void aTopologyFileThatCannotBeReadIsAUsageError() throws Exception {
        Path topology =
                Files.writeString(dir.resolve("bad.json"), AWS_TOPOLOGY.replace("auroraGlobalClusters", "aurora"));

        String[] result = run(
                "rotate", "--topology", topology.toString(), "--from", "us-east-1", "--to", "us-west-2", "--dry-run");

        assertThat(result[0]).isEqualTo("2");
    }

    /** Runs the command line with standard error captured instead; returns exit code and what it said there. */
    private static String[] runForErrors(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = OpsConsoleCommand.run(args);
            return new String[] {String.valueOf(exit), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(original);
        }
    }

    // Nothing runs on the sandbox's ports here: each of these is refused before anything is reached.

    @Test
    void quarantineCommandsRefuseAnAppTheyDoNotKnow() {
        String[] result = runForErrors("quarantine", "list", "--app", "trade-generator");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).contains("unknown app trade-generator; known: [trade-matching, settlement-matching]");
    }

    @Test
    void quarantineListRefusesALimitBelowOneAndASinceThatIsNoInstant() {
        assertThat(runForErrors("quarantine", "list", "--limit", "0")[1]).contains("--limit must be at least 1: 0");
        assertThat(runForErrors("quarantine", "list", "--limit", "0")[0]).isEqualTo("2");
        assertThat(runForErrors("quarantine", "list", "--since", "yesterday")[0])
                .isEqualTo("2");
    }

    @Test
    void quarantineCommandsRefuseARegionTheTopologyDoesNotHave() {
        String[] result = runForErrors("quarantine", "replay", "some-id", "--app", "trade-matching", "--region", "x-1");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).contains("unknown region x-1; known:");
    }

    @Test
    void showAndReplayNeedTheAppAndTheId() {
        assertThat(runForErrors("quarantine", "show", "some-id")[1]).contains("Missing required option: '--app");
        assertThat(runForErrors("quarantine", "replay", "--app", "trade-matching")[1])
                .contains("Missing required parameter: 'ID'");
        assertThat(runForErrors("quarantine", "show", "some-id")[0]).isEqualTo("2");
    }

    // Commands that change something sign the operator in before they reach anything: refused here on one line with
    // exit code 2, nothing running on the sandbox's ports.

    /** A users file with an operator and a viewer, and a login file for each. */
    private Path[] consoleUsers() throws Exception {
        Path users = Files.writeString(
                dir.resolve("users.json"),
                io.tradewind.opsconsole.access.ConsoleUsers.of(java.util.List.of(
                                io.tradewind.opsconsole.access.ConsoleUsers.withPassword(
                                        "sre-operator",
                                        java.util.Set.of(io.tradewind.opsconsole.access.ConsoleRole.OPERATOR),
                                        "op-pass"),
                                io.tradewind.opsconsole.access.ConsoleUsers.withPassword(
                                        "sre-viewer",
                                        java.util.Set.of(io.tradewind.opsconsole.access.ConsoleRole.VIEWER),
                                        "view-pass")))
                        .toJson());
        Path viewer = Files.writeString(dir.resolve("viewer.login"), "sre-viewer=view-pass\n");
        Path wrong = Files.writeString(dir.resolve("wrong.login"), "sre-operator=guess\n");
        return new Path[] {users, viewer, wrong};
    }

    @Test
    void aRotationWithoutALoginIsRefusedOnOneLine() {
        String[] result = runForErrors("rotate", "--from", "us-east-1", "--to", "us-west-2");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1])
                .isEqualToIgnoringNewLines("rotate needs a console login: set TRADEWIND_CONSOLE_USER and"
                        + " TRADEWIND_CONSOLE_PASSWORD, or give --login-file FILE (user=password)");
    }

    @Test
    void aViewerMayNotRotateNorFailOverAndAWrongPasswordIsRefused() throws Exception {
        Path[] files = consoleUsers();

        String[] viewer = runForErrors(
                "failover",
                "--from",
                "us-east-1",
                "--to",
                "us-west-2",
                "--users",
                files[0].toString(),
                "--login-file",
                files[1].toString());
        String[] wrong = runForErrors(
                "rotate",
                "--from",
                "us-east-1",
                "--to",
                "us-west-2",
                "--users",
                files[0].toString(),
                "--login-file",
                files[2].toString());

        assertThat(viewer[0]).isEqualTo("2");
        assertThat(viewer[1])
                .isEqualToIgnoringNewLines("console user sre-viewer has roles [VIEWER]; failover needs OPERATOR");
        assertThat(wrong[0]).isEqualTo("2");
        assertThat(wrong[1])
                .isEqualToIgnoringNewLines("console login sre-operator refused: wrong user or password for"
                        + " the console users of " + files[0]);
    }

    @Test
    void aQuarantineReplayNeedsAnOperatorsLoginAndAListingNone() throws Exception {
        Path[] files = consoleUsers();

        String[] replay = runForErrors(
                "quarantine",
                "replay",
                "some-id",
                "--app",
                "trade-matching",
                "--users",
                files[0].toString(),
                "--login-file",
                files[1].toString());

        assertThat(replay[0]).isEqualTo("2");
        assertThat(replay[1])
                .isEqualToIgnoringNewLines(
                        "console user sre-viewer has roles [VIEWER]; quarantine replay needs OPERATOR");
    }

    @Test
    void thereIsNoOperatorFlagAnyMore() {
        String[] result = runForErrors("rotate", "--from", "us-east-1", "--to", "us-west-2", "--operator", "someone");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[1]).startsWith("rotate: Unknown options: '--operator', 'someone'");
    }

    /** A topology whose every endpoint is a port nothing listens on, each region its own. */
    private Path unreachableTopology() throws IOException {
        Map<String, RunbookTopology.Region> regions = new LinkedHashMap<>();
        for (String region : List.of("us-east-1", "us-west-2"))
            regions.put(
                    region,
                    new RunbookTopology.Region(
                            URI.create("tcp://127.0.0.1:" + closedPort()),
                            URI.create("http://127.0.0.1:" + closedPort()),
                            URI.create("http://127.0.0.1:" + closedPort()),
                            "jdbc:postgresql://127.0.0.1:" + closedPort() + "/tradewind",
                            "postgres",
                            "postgres",
                            Map.of()));
        RunbookTopology topology = new RunbookTopology(
                List.of(URI.create("http://127.0.0.1:" + closedPort())),
                RunbookTopology.sandbox().controlPanelArn(),
                URI.create("http://127.0.0.1:" + closedPort()),
                Map.of(),
                regions,
                null,
                null);
        return Files.writeString(dir.resolve("unreachable-topology.json"), topology.toJson());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerIsOneLineNamingItAndExitCodeTwo() throws IOException {
        Path topology = unreachableTopology();

        String[] executions = runForErrors("executions", "--topology", topology.toString());
        Path credentials = Files.writeString(dir.resolve("credentials.properties"), "ops-console=unused\n");
        String[] quarantine = runForErrors(
                "quarantine", "list", "--topology", topology.toString(), "--credentials-file", credentials.toString());

        assertThat(executions[0]).as(executions[1]).isEqualTo("2");
        assertThat(executions[1].lines().toList())
                .singleElement()
                .asString()
                .matches("cannot reach \\S+ at \\S+127\\.0\\.0\\.1:\\d+\\S* \\(us-(east-1|west-2)\\):"
                        + " is the sandbox running\\?");
        assertThat(quarantine[0]).as(quarantine[1]).isEqualTo("2");
        assertThat(quarantine[1].lines().toList())
                .singleElement()
                .asString()
                .startsWith("cannot reach ")
                .contains("PostgreSQL at jdbc:postgresql://127.0.0.1:")
                .endsWith("is the sandbox running?");
    }
}
