package io.tradewind.opsconsole.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.runbook.RotationExecution.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconciliationStartTest {
    private static final String APP = "trade-matching";
    private static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void withoutAnEarlierPlannedRotationTheWholeWindowIsRead() {
        assertThat(ReconciliationStart.of(APP, List.of(), OVERLAP)).isEmpty();
        assertThat(ReconciliationStart.of(
                        APP, List.of(execution(RotationMode.FAILOVER, Outcome.SUCCEEDED, 0, Map.of())), OVERLAP))
                .isEmpty();
    }

    @Test
    void startsTheOverlapBeforeTheLastSucceededRotationsTakeover() {
        List<RotationExecution> history = List.of(
                execution(RotationMode.ROTATE, Outcome.SUCCEEDED, 0, Map.of()),
                execution(RotationMode.ROTATE, Outcome.SUCCEEDED, 600, Map.of()),
                execution(RotationMode.ROTATE, Outcome.ROLLED_BACK, 1200, Map.of()));

        assertThat(ReconciliationStart.of(APP, history, OVERLAP))
                .contains(takeoverOf(600).minus(OVERLAP));
    }

    @Test
    void anotherAppsRotationsDoNotCount() {
        RotationExecution other = new RotationExecution(
                "x",
                "sre",
                RotationMode.ROTATE,
                List.of("settlement-matching"),
                "us-east-1",
                "us-west-2",
                T0,
                T0.plusSeconds(40),
                Outcome.SUCCEEDED,
                steps(0),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                "",
                List.of());

        assertThat(ReconciliationStart.of(APP, List.of(other), OVERLAP)).isEmpty();
    }

    @Test
    void aFailoverThatLostOnlyLaterChangesKeepsTheStart() {
        List<RotationExecution> history = rotationThenFailover(600, 6_000);

        assertThat(ReconciliationStart.of(APP, history, OVERLAP))
                .contains(takeoverOf(0).minus(OVERLAP));
    }

    @Test
    void aFailoverThatLostChangesFromBeforeTheRotationEndedLeavesNoSafeStart() {
        List<RotationExecution> history = rotationThenFailover(60, 30_000);

        assertThat(ReconciliationStart.of(APP, history, OVERLAP)).isEmpty();
    }

    @Test
    void anExecutionThatFailedPartWayLeavesNoSafeStart() {
        List<RotationExecution> history = List.of(
                execution(RotationMode.ROTATE, Outcome.SUCCEEDED, 0, Map.of()),
                execution(RotationMode.ROTATE, Outcome.FAILED, 600, Map.of()));

        assertThat(ReconciliationStart.of(APP, history, OVERLAP)).isEmpty();
    }

    /** A planned rotation at T0 (ending 40 s in), then a failover {@code failoverSecond} after T0 that lost so much. */
    private static List<RotationExecution> rotationThenFailover(long failoverSecond, long lostMillis) {
        return List.of(
                execution(RotationMode.ROTATE, Outcome.SUCCEEDED, 0, Map.of()),
                execution(
                        RotationMode.FAILOVER,
                        Outcome.SUCCEEDED,
                        failoverSecond,
                        Map.of(APP, new GlobalDatabases.FailoverLoss(1500, lostMillis))));
    }

    private static Instant takeoverOf(long startSecond) {
        return T0.plusSeconds(startSecond + 20);
    }

    /** An execution of the app starting {@code startSecond} after T0, taking over 20 s in and ending 40 s in. */
    private static RotationExecution execution(
            RotationMode mode, Outcome outcome, long startSecond, Map<String, GlobalDatabases.FailoverLoss> losses) {
        Instant start = T0.plusSeconds(startSecond);
        return new RotationExecution(
                "e" + startSecond,
                "sre",
                mode,
                List.of(APP, "settlement-matching"),
                "us-east-1",
                "us-west-2",
                start,
                start.plusSeconds(40),
                outcome,
                steps(startSecond),
                Optional.empty(),
                Optional.empty(),
                losses,
                Map.of(),
                "",
                List.of());
    }

    private static List<StepRecord> steps(long startSecond) {
        return List.of(
                new StepRecord(
                        StepKind.PRE_FLIGHT,
                        T0.plusSeconds(startSecond),
                        Duration.ofSeconds(5),
                        StepRecord.Outcome.DONE,
                        ""),
                new StepRecord(
                        StepKind.INBOUND_ON_TARGET,
                        takeoverOf(startSecond),
                        Duration.ofSeconds(2),
                        StepRecord.Outcome.DONE,
                        ""));
    }
}
