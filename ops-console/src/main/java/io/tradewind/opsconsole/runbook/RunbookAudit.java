package io.tradewind.opsconsole.runbook;

import java.util.List;

/** Where every execution of the runbook is recorded (on AWS, a DynamoDB global table both regions can read). */
public interface RunbookAudit {
    void record(RotationExecution execution);

    /** The executions recorded, as the region's copy of the audit holds them, in no order; empty before the first. */
    List<RotationExecution> history(String region);
}
