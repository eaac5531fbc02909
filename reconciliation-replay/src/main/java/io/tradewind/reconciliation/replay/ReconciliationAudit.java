package io.tradewind.reconciliation.replay;

import io.tradewind.reconciliation.api.ReconciliationRun;

/** Where every reconciliation run is recorded (a DynamoDB global table on AWS and in the sandbox). */
public interface ReconciliationAudit {
    void record(ReconciliationRun run);
}
