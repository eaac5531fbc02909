package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.LocalAwsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other commands of the sandbox jar stop as the sandbox does (their shutdown is the same code, whose ordering and
 * bounds {@link OrderedShutdownTest} holds): the load test mid-run, on SIGTERM, in order and within 10 s; and any
 * command whose shutdown is stuck halts at once on a second Ctrl-C.
 */
class CommandStopIT {
    /** What the issue asks; the load test's own steps are bounded at 8.5 s in all (see {@link StopMidRotation}). */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sigtermStopsALoadTestMidRunInOrderWithinTenSecondsLeavingNoEmulatorRunning() throws Exception {
        Path workDir = dir.resolve("work");
        try (ChildCommand loadTest = ChildCommand.jar(
                dir.resolve("load-test.out"),
                "load-test",
                "--settle",
                "--pairs",
                "1000000",
                "--rate",
                "100",
                "--warmup-pairs",
                "0",
                "--work-dir",
                workDir.toString())) {
            // Warm: both apps run, and the harness posts.
            loadTest.awaitOutput("pipeline warm", Duration.ofMinutes(3));
            loadTest.assertKeepsRunningFor(Duration.ofSeconds(2), "it posts its pairs");
            List<ProcessHandle> emulators = new ArrayList<>(loadTest.descendants());
            assertThat(emulators).as("kinesalite and dynalite of each region").hasSize(4);
            for (String region : List.of(LocalAwsConfig.PRIMARY_REGION, LocalAwsConfig.SECONDARY_REGION))
                emulators.addAll(ChildCommand.postgres(workDir.resolve(region).resolve("postgres")));

            Duration stopped = loadTest.assertStopsInOrderWithin(STOPS_WITHIN, "the load test", emulators);
            System.out.println("load test stopped " + stopped.toMillis() + " ms after SIGTERM");
        }
    }

    @Test
    void aSecondCtrlCHaltsACommandWhoseShutdownIsStuck() throws Exception {
        try (ChildCommand command = ChildCommand.main(dir.resolve("stuck.out"), StuckShutdown.class)) {
            command.awaitOutput(StuckShutdown.READY, Duration.ofMinutes(1));
            command.signal("INT");
            command.awaitOutput(StuckShutdown.STOPPING, Duration.ofSeconds(30));

            long secondNanos = System.nanoTime();
            command.signal("INT");

            // At once: the stuck step would hold it 10 minutes; 5 s is room for a busy machine to schedule the exit.
            assertThat(command.awaitExit(secondNanos, Duration.ofSeconds(5)))
                    .as("halted; output:%n%s", command.output())
                    .isPresent();
            assertThat(command.exitValue()).as("Ctrl-C's status").isEqualTo(130);
            assertThat(command.output()).contains("killing the emulators");
        }
    }
}
