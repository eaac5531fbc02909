package io.tradewind.reconciliation.audit;

import io.tradewind.model.topology.App;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationRuns;
import io.tradewind.reconciliation.replay.ReconciliationAudit;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The runs in table {@code <app>-reconciliation-audit}, one item per run (a global table: both regions see every
 * run). The replayed keys are kept up to {@value #MAX_LISTED_KEYS}; the count is always exact.
 */
public final class DynamoDbReconciliationAudit implements ReconciliationAudit, ReconciliationRuns {
    public static final String KEY = "runId";
    static final int MAX_LISTED_KEYS = 1_000;

    private final DynamoDbClient dynamoDb;

    public DynamoDbReconciliationAudit(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public static String tableOf(String app) {
        return App.of(app).reconciliationAuditTable();
    }

    @Override
    public void record(ReconciliationRun run) {
        String table = tableOf(run.app());
        new Provisioner(null, dynamoDb).ensureTable(table, KEY);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, AttributeValue.fromS(run.runId()));
        item.put("app", AttributeValue.fromS(run.app()));
        item.put("region", AttributeValue.fromS(run.region()));
        item.put("windowStart", AttributeValue.fromS(run.windowStart().toString()));
        item.put("windowEnd", AttributeValue.fromS(run.windowEnd().toString()));
        item.put("journaled", number(run.journaled()));
        item.put("rejected", number(run.rejected()));
        item.put("applied", number(run.applied()));
        item.put("delivered", number(run.delivered()));
        item.put("replayed", number(run.replayed()));
        item.put("tookMillis", number(run.took().toMillis()));
        List<String> listed = run.replayedKeys().subList(0, Math.min(run.replayed(), MAX_LISTED_KEYS));
        item.put(
                "replayedKeys",
                AttributeValue.fromL(listed.stream().map(AttributeValue::fromS).toList()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Scans the app's table (a few items a day: one per run) and keeps the newest; empty before its first run. */
    @Override
    public List<ReconciliationRun> recent(String app, int limit) {
        try {
            return dynamoDb.scanPaginator(b -> b.tableName(tableOf(app))).items().stream()
                    .map(DynamoDbReconciliationAudit::runOf)
                    .sorted(Comparator.comparing(ReconciliationRun::windowEnd).reversed())
                    .limit(limit)
                    .toList();
        } catch (ResourceNotFoundException noRunYet) {
            return List.of();
        }
    }

    /** A run as {@link #record} stored it; the replayed keys listed are the first {@value #MAX_LISTED_KEYS}. */
    static ReconciliationRun runOf(Map<String, AttributeValue> item) {
        return new ReconciliationRun(
                item.get(KEY).s(),
                item.get("app").s(),
                item.get("region").s(),
                Instant.parse(item.get("windowStart").s()),
                Instant.parse(item.get("windowEnd").s()),
                Integer.parseInt(item.get("journaled").n()),
                Integer.parseInt(item.get("rejected").n()),
                Integer.parseInt(item.get("applied").n()),
                Integer.parseInt(item.get("delivered").n()),
                item.containsKey("replayedKeys")
                        ? item.get("replayedKeys").l().stream()
                                .map(AttributeValue::s)
                                .toList()
                        : List.of(),
                Duration.ofMillis(Long.parseLong(item.get("tookMillis").n())));
    }
}
