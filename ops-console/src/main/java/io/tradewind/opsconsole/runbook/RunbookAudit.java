package io.tradewind.opsconsole.runbook;

/** Where every execution of the runbook is recorded (on AWS, a DynamoDB global table both regions can read). */
public interface RunbookAudit {
    void record(RotationExecution execution);
}
