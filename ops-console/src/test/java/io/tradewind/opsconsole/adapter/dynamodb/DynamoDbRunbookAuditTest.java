package io.tradewind.opsconsole.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.OperatorAction;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.StepKind;
import io.tradewind.opsconsole.runbook.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbRunbookAuditTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00.123Z");

    @Test
    void anExecutionReadBackIsTheOneRecorded() {
        RotationExecution failover = new RotationExecution(
                "e1",
                "sre@host",
                RotationMode.FAILOVER,
                List.of("trade-matching", "settlement-matching"),
                "us-east-1",
                "us-west-2",
                START,
                START.plusSeconds(12),
                RotationExecution.Outcome.SUCCEEDED,
                List.of(
                        new StepRecord(
                                StepKind.PRE_FLIGHT,
                                START,
                                Duration.ofMillis(208),
                                StepRecord.Outcome.DONE,
                                "lag postgres 5908 ms"),
                        new StepRecord(
                                StepKind.INBOUND_OFF_SOURCE, null, Duration.ZERO, StepRecord.Outcome.NOT_RUN, "")),
                Optional.of(Duration.ofMillis(5517)),
                Optional.empty(),
                Map.of("trade-matching", new GlobalDatabases.FailoverLoss(1547, 6333)),
                Map.of("trade-matching", 3, "settlement-matching", 0),
                "moved",
                List.of());

        assertThat(DynamoDbRunbookAudit.executionOf(DynamoDbRunbookAudit.itemOf(failover)))
                .isEqualTo(failover);
    }

    @Test
    void aRunningExecutionKeepsItsRunningStepAndItsOperatorsActions() {
        RotationExecution running = new RotationExecution(
                "e2",
                "sre-operator",
                RotationMode.ROTATE,
                List.of("trade-matching"),
                "us-east-1",
                "us-west-2",
                START,
                START.plusSeconds(3),
                RotationExecution.Outcome.RUNNING,
                List.of(new StepRecord(StepKind.PRE_FLIGHT, START, Duration.ZERO, StepRecord.Outcome.RUNNING, "")),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                "",
                List.of(
                        new OperatorAction(OperatorAction.Kind.STARTED, "sre-operator", START),
                        new OperatorAction(OperatorAction.Kind.RESUMED, "sre-other", START.plusSeconds(2))));

        assertThat(DynamoDbRunbookAudit.executionOf(DynamoDbRunbookAudit.itemOf(running)))
                .isEqualTo(running);
    }

    @Test
    void aRecordWrittenBeforeActionsWereKeptReadsWithNone() {
        RotationExecution old = new RotationExecution(
                "e3",
                "sre@host",
                RotationMode.ROTATE,
                List.of("trade-matching"),
                "us-east-1",
                "us-west-2",
                START,
                START.plusSeconds(3),
                RotationExecution.Outcome.SUCCEEDED,
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                Map.of(),
                "moved",
                List.of());
        Map<String, AttributeValue> item = new LinkedHashMap<>(DynamoDbRunbookAudit.itemOf(old));
        item.remove("actions");

        assertThat(DynamoDbRunbookAudit.executionOf(item).actions()).isEmpty();
        assertThat(DynamoDbRunbookAudit.executionOf(item)).isEqualTo(old);
    }
}
