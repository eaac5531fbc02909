package io.tradewind.reconciliation.api;

import io.tradewind.platform.reconciliation.InputFatesProvider;
import io.tradewind.platform.sql.ConnectionSource;
import io.tradewind.reconciliation.audit.DynamoDbReconciliationAudit;
import io.tradewind.reconciliation.replay.JournalReconciler;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Makes the reconciler of a region from its clients. */
public final class Reconcilers {
    private Reconcilers() {}

    /**
     * The reconciler of {@code region}: it reads the apps' journals through {@code dynamoDb}, asks each app what became
     * of its inputs through the app's {@link InputFatesProvider} on the class path, reads the sent-logs over {@code
     * postgres}, replays through {@code kinesis} and records each run in the app's reconciliation audit table.
     */
    public static Reconciler inRegion(
            String region, DynamoDbClient dynamoDb, KinesisClient kinesis, ConnectionSource postgres, Clock clock) {
        return new JournalReconciler(
                region,
                dynamoDb,
                kinesis,
                postgres,
                app -> InputFatesProvider.of(app).over(postgres),
                new DynamoDbReconciliationAudit(dynamoDb),
                clock);
    }

    /** The runs recorded in the apps' reconciliation audit tables, read through {@code dynamoDb}. */
    public static ReconciliationRuns runs(DynamoDbClient dynamoDb) {
        return new DynamoDbReconciliationAudit(dynamoDb);
    }
}
