package io.tradewind.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.opsconsole.adapter.globaldb.EmulatedGlobalDatabases;
import io.tradewind.opsconsole.cli.OpsConsoleCommand;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.OperatorAction;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.opsconsole.runbook.StepKind;
import io.tradewind.opsconsole.runbook.StepRecord;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.sandbox.DemoConsoleUsers;
import io.tradewind.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SRE's {@code ops-console rotate}, run as its own process against the sandbox, is killed while the source's
 * processing stops; the audit shows the execution INTERRUPTED at that step once its lease expired, and a resume from
 * another process finishes it with both apps active in the target. It finds both apps in us-west-2, where {@code
 * ConsoleBrowserIT} rotated them, and leaves them in us-east-1, as the sandbox started ({@link
 * ConsoleSandbox#ROTATES_BACK}).
 */
@ExtendWith(ConsoleSandbox.class)
@Order(ConsoleSandbox.ROTATES_BACK)
class RotationKillAndResumeIT {
    private static final String EAST = LocalAwsConfig.PRIMARY_REGION;
    private static final String WEST = LocalAwsConfig.SECONDARY_REGION;
    /** Short, so the killed execution shows INTERRUPTED soon: its lease outlives its process by at most this. */
    private static final Duration LEASE_TTL = Duration.ofSeconds(6);

    private static final Duration BOUND = Duration.ofMinutes(3);
    /** Who the killed command line signed in as: the sandbox's operator. */
    private static final String SIGNED_IN = DemoConsoleUsers.OPERATOR;

    @TempDir
    Path dir;

    @Test
    void aRotationKilledWhileTheSourceStopsIsInterruptedThereAndResumedToItsEnd() throws Exception {
        Sandbox sandbox = ConsoleSandbox.get();
        RunbookTopology topology = sandbox.runbookTopology();
        Path topologyFile = dir.resolve("topology.json");
        new ObjectMapper().writeValue(topologyFile.toFile(), topology);
        BrokerLogin operator = sandbox.localAws().login(ServiceIdentity.OPERATOR);
        try (RunbookWiring wiring = new RunbookWiring(
                topology,
                new JmsLogin(operator.user(), operator.password()),
                RotationRunbook.Settings.defaults(),
                RunbookWiring.DEFAULT_WINDOW,
                RunbookWiring.DEFAULT_REPLAYS_PER_SECOND)) {
            RunbookOperations operations = wiring.operations();
            List<String> before = ids(operations);

            Process rotate = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            OpsConsoleCommand.class.getName(),
                            "rotate",
                            "--from",
                            WEST,
                            "--to",
                            EAST,
                            "--topology",
                            topologyFile.toString(),
                            "--credentials-file",
                            sandbox.credentialsFile().toString(),
                            "--lease-ttl",
                            LEASE_TTL.toString(),
                            // Signed in as the sandbox's operator, from the files it wrote beside its credentials.
                            "--login-file",
                            sandbox.credentialsFile()
                                    .resolveSibling(CommandLineSignIn.SANDBOX_LOGINS_FILE)
                                    .toString(),
                            "--users",
                            sandbox.credentialsFile()
                                    .resolveSibling(CommandLineSignIn.SANDBOX_USERS_FILE)
                                    .toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("rotate.out").toFile())
                    .start();
            RotationExecution running = awaitExecution(operations, before, rotate, StepKind.PROCESSING_OFF_SOURCE);
            rotate.destroyForcibly();
            assertThat(rotate.waitFor(1, TimeUnit.MINUTES)).isTrue();
            String id = running.executionId();
            StepKind stoppedAt =
                    operations.execution(id).orElseThrow().currentStep().orElseThrow();

            RotationExecution interrupted = await(
                    () -> operations.execution(id).filter(e -> e.outcome() == RotationExecution.Outcome.INTERRUPTED),
                    "execution " + id + " shown INTERRUPTED");
            assertThat(interrupted.currentStep()).contains(stoppedAt);
            assertThat(interrupted.operator()).isEqualTo(SIGNED_IN);
            assertThat(interrupted.message()).contains("interrupted at " + stoppedAt);
            assertThat(stoppedAt)
                    .as("killed before the database moved")
                    .isIn(StepKind.PROCESSING_OFF_SOURCE, StepKind.DATABASE_SWITCHOVER);

            operations.resume(id, "sre-resuming");
            RotationExecution resumed = followToTheEnd(operations, id);

            assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
            assertThat(resumed.steps()).hasSize(9).allSatisfy(step -> assertThat(step.outcome())
                    .isEqualTo(StepRecord.Outcome.DONE));
            assertThat(resumed.actions())
                    .extracting(OperatorAction::kind, OperatorAction::operator)
                    .containsExactly(
                            tuple(OperatorAction.Kind.STARTED, SIGNED_IN),
                            tuple(OperatorAction.Kind.RESUMED, "sre-resuming"));
            EmulatedGlobalDatabases databases = new EmulatedGlobalDatabases(topology.globalDatabaseEndpoint());
            for (String app : App.ids()) assertThat(databases.writer(app)).isEqualTo(EAST);
            assertThat(operations.history().get(0).executionId()).isEqualTo(id);
        }
    }

    private static List<String> ids(RunbookOperations operations) {
        return operations.history().stream().map(RotationExecution::executionId).toList();
    }

    /** Waits until the child's execution is recorded running {@code step}; the child must not end first. */
    private static RotationExecution awaitExecution(
            RunbookOperations operations, List<String> before, Process child, StepKind step) throws Exception {
        return await(
                () -> {
                    if (!child.isAlive())
                        throw new AssertionError(
                                "ops-console rotate ended (exit " + child.exitValue() + ") before it was killed");
                    return operations.history().stream()
                            .filter(execution -> !before.contains(execution.executionId()))
                            .filter(execution -> execution.currentStep().equals(Optional.of(step)))
                            .findFirst();
                },
                "the rotation recorded running " + step);
    }

    private static RotationExecution followToTheEnd(RunbookOperations operations, String id) throws Exception {
        BlockingQueue<ExecutionEvent> events = new LinkedBlockingQueue<>();
        List<String> lines = new ArrayList<>();
        try (AutoCloseable following = operations.follow(id, events::add)) {
            while (true) {
                ExecutionEvent event = events.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(event)
                        .as("execution " + id + " went quiet; so far: " + lines)
                        .isNotNull();
                lines.add(RotationRunbook.lineOf(event));
                System.out.println(RotationRunbook.lineOf(event));
                if (event.kind() == ExecutionEvent.Kind.FINISHED) break;
            }
        }
        return operations.execution(id).orElseThrow();
    }

    interface Look<T> {
        Optional<T> look() throws Exception;
    }

    private static <T> T await(Look<T> look, String what) {
        return Awaitility.await(what)
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(100))
                .until(look::look, Optional::isPresent)
                .orElseThrow();
    }
}
