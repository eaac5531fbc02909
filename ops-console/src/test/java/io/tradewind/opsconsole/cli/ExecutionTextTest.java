package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.OperatorAction;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.StepKind;
import io.tradewind.opsconsole.runbook.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionTextTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00.250Z");

    private static RotationExecution execution(RotationExecution.Outcome outcome, List<StepRecord> steps) {
        return new RotationExecution(
                "e-1",
                "sre-operator",
                RotationMode.FAILOVER,
                List.of("trade-matching", "settlement-matching"),
                "us-east-1",
                "us-west-2",
                START,
                START.plusSeconds(42),
                outcome,
                steps,
                Optional.of(Duration.ofMillis(5_500)),
                Optional.of(Duration.ofMillis(12_340)),
                Map.of("trade-matching", new GlobalDatabases.FailoverLoss(GlobalDatabases.FailoverLoss.UNCOUNTED, 870)),
                Map.of(),
                "moved",
                List.of(
                        new OperatorAction(OperatorAction.Kind.STARTED, "sre-operator", START),
                        new OperatorAction(OperatorAction.Kind.CONFIRMED, "sre-other", START.plusSeconds(20))));
    }

    @Test
    void theTableHasOneLinePerExecutionWithWhoWhatWhereHowAndTheRto() {
        String table = ExecutionText.table(List.of(execution(RotationExecution.Outcome.SUCCEEDED, List.of())));

        assertThat(table.lines()).hasSize(2);
        assertThat(table.lines().toList().get(0))
                .contains("EXECUTION")
                .contains("FROM -> TO")
                .contains("RTO");
        assertThat(table.lines().toList().get(1))
                .contains("e-1")
                .contains("2026-12-07T10:00:00Z")
                .contains("sre-operator")
                .contains("FAILOVER")
                .contains("trade-matching,settlement-matching")
                .contains("us-east-1 -> us-west-2")
                .contains("SUCCEEDED")
                .contains("12.3 s");
    }

    @Test
    void anInterruptedExecutionSaysAtWhichStep() {
        String table = ExecutionText.table(List.of(execution(
                RotationExecution.Outcome.INTERRUPTED,
                List.of(new StepRecord(StepKind.PRE_FLIGHT, START, Duration.ZERO, StepRecord.Outcome.RUNNING, "")))));

        assertThat(table).contains("INTERRUPTED @PRE_FLIGHT");
    }

    @Test
    void oneExecutionShowsItsStepsWithDurationsItsLossAndWhoDidWhat() {
        String details = ExecutionText.details(execution(
                RotationExecution.Outcome.SUCCEEDED,
                List.of(
                        new StepRecord(
                                StepKind.PRE_FLIGHT, START, Duration.ofMillis(1_250), StepRecord.Outcome.DONE, "lag 0"),
                        new StepRecord(
                                StepKind.INBOUND_OFF_SOURCE, null, Duration.ZERO, StepRecord.Outcome.NOT_RUN, ""))));

        assertThat(details)
                .contains("1. PRE_FLIGHT")
                .contains("DONE")
                .contains("1.3 s")
                .contains("lag 0")
                .contains("2. INBOUND_OFF_SOURCE")
                .contains("trade-matching: uncounted changes, 870 ms")
                .contains("CONFIRMED by sre-other")
                .contains("message     moved");
    }
}
