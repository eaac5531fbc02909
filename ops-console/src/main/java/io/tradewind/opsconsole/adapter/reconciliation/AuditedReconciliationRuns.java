package io.tradewind.opsconsole.adapter.reconciliation;

import io.tradewind.opsconsole.flow.ReconciliationHistory;
import io.tradewind.reconciliation.api.Reconcilers;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationRuns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The runs each app's reconciliation audit table holds, in a region's copy, through reconciliation-replay's API. */
public final class AuditedReconciliationRuns implements ReconciliationHistory {
    private final Map<String, ReconciliationRuns> regions = new LinkedHashMap<>();

    /** @param dynamoDbs per region, its DynamoDB */
    public AuditedReconciliationRuns(Map<String, DynamoDbClient> dynamoDbs) {
        dynamoDbs.forEach((region, dynamoDb) -> regions.put(region, Reconcilers.runs(dynamoDb)));
    }

    @Override
    public List<Run> recent(String app, String region, int limit) {
        ReconciliationRuns runs = regions.get(region);
        if (runs == null) throw new IllegalArgumentException("no DynamoDB configured for " + region);
        return runs.recent(app, limit).stream()
                .map(AuditedReconciliationRuns::of)
                .toList();
    }

    private static Run of(ReconciliationRun run) {
        return new Run(
                run.runId(),
                run.app(),
                run.region(),
                run.windowStart(),
                run.windowEnd(),
                run.journaled(),
                run.rejected(),
                run.applied(),
                run.delivered(),
                run.replayed(),
                run.took());
    }
}
