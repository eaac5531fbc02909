package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.opsconsole.participant.FakeBrokerUsers;
import io.tradewind.opsconsole.participant.InMemoryParticipantRegistry;
import io.tradewind.opsconsole.participant.Onboarding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The participant commands on fakes: what they print, and their exit codes for usage errors and refusals. */
class ParticipantCommandTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private final InMemoryParticipantRegistry registry = new InMemoryParticipantRegistry();
    private final FakeBrokerUsers brokers = new FakeBrokerUsers();
    private final Onboarding onboarding = new Onboarding(
            registry, brokers, List.of("us-east-1", "us-west-2"), Clock.fixed(T, ZoneOffset.UTC), new SecureRandom());
    private final List<String> openedIn = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The console's users, and the operator's and a viewer's login files: the commands that change sign in. */
    @TempDir
    static Path logins;

    private static Path users;
    private static Path operator;
    private static Path viewer;

    @BeforeAll
    static void consoleUsers() throws Exception {
        users = Files.writeString(
                logins.resolve("users.json"),
                ConsoleUsers.of(List.of(
                                ConsoleUsers.withPassword("sre-operator", Set.of(ConsoleRole.OPERATOR), "op-pass"),
                                ConsoleUsers.withPassword("sre-viewer", Set.of(ConsoleRole.VIEWER), "view-pass")))
                        .toJson());
        operator = Files.writeString(logins.resolve("operator.login"), "sre-operator=op-pass\n");
        viewer = Files.writeString(logins.resolve("viewer.login"), "sre-viewer=view-pass\n");
    }

    /** Runs a command that changes something, signed in as the operator. */
    private int runAsOperator(String... args) {
        return runWithLogin(operator, args);
    }

    private int runWithLogin(Path login, String... args) {
        List<String> withLogin = new ArrayList<>(List.of(args));
        withLogin.addAll(List.of("--users", users.toString(), "--login-file", login.toString()));
        return run(withLogin.toArray(String[]::new));
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ParticipantCommand((topology, region) -> {
            openedIn.add(region);
            return ParticipantWiring.of(onboarding);
        }));
        // As picocli's own writer on System.out: autoflush on println only, so what is not flushed is lost.
        commandLine.setOut(new PrintWriter(new java.io.BufferedWriter(out), true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void addPrintsTheSecretOnceWithAWarningThatItIsNotShownAgain() {
        int exit = runAsOperator("add", "BRK009", "--role", "broker", "--role", "INVESTMENT_MANAGER");

        assertThat(exit).isZero();
        String password = brokers.user("us-west-2", "BRK009").password();
        assertThat(out.toString())
                .startsWith("onboarded BRK009 (BROKER,INVESTMENT_MANAGER) in us-east-1, us-west-2")
                .contains("  user:     BRK009", "  password: " + password, "is not shown again");
        assertThat(out.toString().indexOf(password)).isEqualTo(out.toString().lastIndexOf(password));
        assertThat(err.toString()).isEmpty();
        assertThat(registry.find("BRK009").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.BROKER, Role.INVESTMENT_MANAGER);
    }

    @Test
    void addWithoutARoleOrWithAnUnknownRoleIsAUsageErrorAndChangesNothing() {
        assertThat(runAsOperator("add", "BRK009")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(runAsOperator("add", "BRK009", "--role", "TRADER")).isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString())
                .contains("Missing required option: '--role=ROLE'")
                .contains("unknown role 'TRADER'; known: [BROKER, INVESTMENT_MANAGER, SETTLEMENT_DESK]");
        assertThat(registry.list()).isEmpty();
        assertThat(openedIn).isEmpty();
    }

    @Test
    void anIdThatIsNoParticipantIdIsAUsageErrorOnOneLine() {
        int exit = runAsOperator("add", "BRK|1", "--role", "BROKER");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .startsWith("participantId 'BRK|1' is not a participant id")
                .hasLineCount(1);
    }

    @Test
    void anUnknownRegionIsAUsageError() {
        assertThat(run("list", "--region", "eu-west-1")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualToIgnoringNewLines("unknown region eu-west-1; known: [us-east-1, us-west-2]");
    }

    @Test
    void writesTheRegistryInTheRegionAsked() {
        run("list", "--region", "us-west-2");
        run("list");

        assertThat(openedIn).containsExactly("us-west-2", null);
    }

    @Test
    void addingAnIdThatExistsFailsOnOneLineWithoutASecret() {
        runAsOperator("add", "BRK009", "--role", "BROKER");
        StringWriter first = new StringWriter();
        first.write(out.toString());

        int exit = runAsOperator("add", "BRK009", "--role", "BROKER");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .startsWith("participant BRK009 exists already")
                .hasLineCount(1);
        assertThat(out.toString()).isEqualTo(first.toString());
    }

    @Test
    void aRegionThatFailsIsNamedAndTheExitCodeIsOne() {
        brokers.down("us-west-2", "connection refused");

        assertThat(runAsOperator("add", "DESK002", "--role", "SETTLEMENT_DESK")).isEqualTo(1);
        assertThat(err.toString()).contains("us-west-2 (connection refused)").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void listsSuspendsAndResumes() {
        onboarding.add("IM042", Set.of(Role.INVESTMENT_MANAGER));
        onboarding.add("BRK001", Set.of(Role.BROKER));

        assertThat(runAsOperator("suspend", "IM042")).isZero();
        assertThat(run("list")).isZero();
        assertThat(runAsOperator("resume", "IM042")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("IM042").contains("INVESTMENT_MANAGER", "SUSPENDED");
        assertThat(lines.get(1)).startsWith("ID").contains("ROLES", "STATUS");
        assertThat(lines.get(2)).startsWith("BRK001").contains("BROKER", "ACTIVE", "2026-12-07T10:00:00Z");
        assertThat(lines.get(3)).startsWith("IM042").contains("SUSPENDED");
        assertThat(lines.get(4)).isEqualTo("2 participants");
        assertThat(lines.get(5)).startsWith("IM042").contains("ACTIVE");
    }

    @Test
    void suspendingAnUnknownParticipantFailsOnOneLine() {
        assertThat(runAsOperator("suspend", "NOBODY")).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("no participant NOBODY in the registry");
    }

    @Test
    void resetSecretPrintsTheNewSecretOnce() {
        onboarding.add("BRK001", Set.of(Role.BROKER));

        assertThat(runAsOperator("reset-secret", "BRK001")).isZero();
        assertThat(out.toString())
                .startsWith("new secret for BRK001 (BROKER)")
                .contains("  password: " + brokers.user("us-east-1", "BRK001").password());
    }

    @Test
    void theOpsConsoleCarriesTheParticipantCommands() {
        CommandLine opsConsole = new CommandLine(new OpsConsoleCommand());

        assertThat(opsConsole.getSubcommands().get("participant").getSubcommands())
                .containsOnlyKeys("add", "list", "suspend", "resume", "reset-secret");
    }

    @Test
    void aChangeNeedsAnOperatorsLoginAndIsRefusedBeforeAnythingIsOpened() {
        onboarding.add("BRK001", Set.of(Role.BROKER));

        assertThat(run("suspend", "BRK001")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(runWithLogin(viewer, "suspend", "BRK001")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(runWithLogin(viewer, "add", "BRK009", "--role", "BROKER")).isEqualTo(CommandLine.ExitCode.USAGE);

        List<String> refusals = err.toString().lines().toList();
        assertThat(refusals)
                .containsExactly(
                        "participant suspend needs a console login: set TRADEWIND_CONSOLE_USER and"
                                + " TRADEWIND_CONSOLE_PASSWORD, or give --login-file FILE (user=password)",
                        "console user sre-viewer has roles [VIEWER]; participant suspend needs OPERATOR",
                        "console user sre-viewer has roles [VIEWER]; participant add needs OPERATOR");
        assertThat(openedIn).isEmpty();
        assertThat(registry.find("BRK001").orElseThrow().status()).isEqualTo(ParticipantStatus.ACTIVE);
        assertThat(registry.find("BRK009")).isEmpty();
    }

    @Test
    void aViewerMayListParticipantsWithoutALogin() {
        assertThat(run("list")).isZero();
    }
}
