package io.tradewind.opsconsole.runbook;

import java.util.List;
import java.util.Optional;

/**
 * Where every execution of the runbook is recorded (on AWS, a DynamoDB global table both regions can read). The runbook
 * records an execution before and after each of its steps: each record replaces the one before.
 */
public interface RunbookAudit {
    void record(RotationExecution execution);

    /** The executions recorded, as the region's copy of the audit holds them, in no order; empty before the first. */
    List<RotationExecution> history(String region);

    /** One execution as the region's copy of the audit holds it. */
    default Optional<RotationExecution> execution(String region, String executionId) {
        return history(region).stream()
                .filter(execution -> execution.executionId().equals(executionId))
                .findFirst();
    }
}
