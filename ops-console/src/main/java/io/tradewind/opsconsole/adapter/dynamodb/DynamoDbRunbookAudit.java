package io.tradewind.opsconsole.adapter.dynamodb;

import io.tradewind.model.topology.Tables;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.OperatorAction;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.RunbookAudit;
import io.tradewind.opsconsole.runbook.StepKind;
import io.tradewind.opsconsole.runbook.StepRecord;
import io.tradewind.platform.provisioning.Provisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Executions in table {@value Tables#ROTATION_AUDIT}, one item per execution, written in the target region (the source
 * may be gone): a global table, so the record of a failover written in the surviving region is read in both once the
 * other is back. The runbook writes the item again before and after each step; attributes added since the first
 * records ({@code actions}) are optional when read.
 */
public final class DynamoDbRunbookAudit implements RunbookAudit {
    public static final String KEY = "executionId";

    private final Map<String, DynamoDbClient> regions;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    /** @param regions per region, its DynamoDB */
    public DynamoDbRunbookAudit(Map<String, DynamoDbClient> regions) {
        this.regions = Map.copyOf(regions);
    }

    private DynamoDbClient in(String region) {
        DynamoDbClient dynamoDb = regions.get(region);
        if (dynamoDb == null) throw new IllegalArgumentException("no DynamoDB configured for " + region);
        return dynamoDb;
    }

    @Override
    public void record(RotationExecution execution) {
        DynamoDbClient dynamoDb = in(execution.target());
        // Recorded before and after every step: the table is made sure of once per region.
        if (!ensured.contains(execution.target())) {
            new Provisioner(null, dynamoDb).ensureTable(Tables.ROTATION_AUDIT, KEY);
            ensured.add(execution.target());
        }
        dynamoDb.putItem(b -> b.tableName(Tables.ROTATION_AUDIT).item(itemOf(execution)));
    }

    /** The execution as one item: every step, the RTOs, the database loss and the replays. */
    static Map<String, AttributeValue> itemOf(RotationExecution execution) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, s(execution.executionId()));
        item.put("operator", s(execution.operator()));
        item.put("mode", s(execution.mode().name()));
        item.put(
                "apps",
                AttributeValue.fromL(
                        execution.apps().stream().map(DynamoDbRunbookAudit::s).toList()));
        item.put("source", s(execution.source()));
        item.put("target", s(execution.target()));
        item.put("startedAt", s(execution.startedAt().toString()));
        item.put("finishedAt", s(execution.finishedAt().toString()));
        item.put("outcome", s(execution.outcome().name()));
        item.put("message", s(execution.message()));
        execution.rtoToProcessing().ifPresent(rto -> item.put("rtoToProcessingMillis", n(rto.toMillis())));
        execution.rtoToResolved().ifPresent(rto -> item.put("rtoToResolvedMillis", n(rto.toMillis())));
        item.put(
                "steps",
                AttributeValue.fromL(execution.steps().stream()
                        .map(DynamoDbRunbookAudit::step)
                        .toList()));
        Map<String, AttributeValue> losses = new LinkedHashMap<>();
        execution
                .databaseLoss()
                .forEach((app, loss) -> losses.put(
                        app,
                        AttributeValue.fromM(
                                Map.of("lostChanges", n(loss.lostChanges()), "lostMillis", n(loss.lostMillis())))));
        if (!losses.isEmpty()) item.put("databaseLoss", AttributeValue.fromM(losses));
        Map<String, AttributeValue> replayed = new LinkedHashMap<>();
        execution.replayed().forEach((app, count) -> replayed.put(app, n(count)));
        if (!replayed.isEmpty()) item.put("replayed", AttributeValue.fromM(replayed));
        if (!execution.actions().isEmpty())
            item.put(
                    "actions",
                    AttributeValue.fromL(execution.actions().stream()
                            .map(action -> AttributeValue.fromM(Map.of(
                                    "kind", s(action.kind().name()),
                                    "operator", s(action.operator()),
                                    "at", s(action.at().toString()))))
                            .toList()));
        return item;
    }

    @Override
    public List<RotationExecution> history(String region) {
        try {
            return in(region)
                    .scanPaginator(b -> b.tableName(Tables.ROTATION_AUDIT).consistentRead(true))
                    .items()
                    .stream()
                    .map(DynamoDbRunbookAudit::executionOf)
                    .toList();
        } catch (ResourceNotFoundException noneYet) {
            return List.of();
        }
    }

    /** An execution as {@link #record} stored it. */
    static RotationExecution executionOf(Map<String, AttributeValue> item) {
        Map<String, GlobalDatabases.FailoverLoss> losses = new LinkedHashMap<>();
        if (item.containsKey("databaseLoss"))
            item.get("databaseLoss")
                    .m()
                    .forEach((app, loss) -> losses.put(
                            app,
                            new GlobalDatabases.FailoverLoss(
                                    number(loss.m(), "lostChanges"), number(loss.m(), "lostMillis"))));
        Map<String, Integer> replayed = new LinkedHashMap<>();
        if (item.containsKey("replayed"))
            item.get("replayed").m().forEach((app, count) -> replayed.put(app, Integer.parseInt(count.n())));
        return new RotationExecution(
                item.get(KEY).s(),
                text(item, "operator"),
                RotationMode.valueOf(item.get("mode").s()),
                item.get("apps").l().stream().map(AttributeValue::s).toList(),
                text(item, "source"),
                text(item, "target"),
                Instant.parse(item.get("startedAt").s()),
                Instant.parse(item.get("finishedAt").s()),
                RotationExecution.Outcome.valueOf(item.get("outcome").s()),
                item.get("steps").l().stream().map(step -> stepOf(step.m())).toList(),
                millis(item, "rtoToProcessingMillis"),
                millis(item, "rtoToResolvedMillis"),
                losses,
                replayed,
                text(item, "message"),
                item.containsKey("actions")
                        ? item.get("actions").l().stream()
                                .map(action -> new OperatorAction(
                                        OperatorAction.Kind.valueOf(
                                                action.m().get("kind").s()),
                                        text(action.m(), "operator"),
                                        Instant.parse(action.m().get("at").s())))
                                .toList()
                        : List.of());
    }

    @Override
    public Optional<RotationExecution> execution(String region, String executionId) {
        try {
            Map<String, AttributeValue> item = find(region, executionId);
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(executionOf(item));
        } catch (ResourceNotFoundException noneYet) {
            return Optional.empty();
        }
    }

    private static StepRecord stepOf(Map<String, AttributeValue> step) {
        return new StepRecord(
                StepKind.valueOf(step.get("step").s()),
                step.containsKey("startedAt")
                        ? Instant.parse(step.get("startedAt").s())
                        : null,
                Duration.ofMillis(number(step, "tookMillis")),
                StepRecord.Outcome.valueOf(step.get("outcome").s()),
                text(step, "detail"));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        String value = item.get(name).s();
        return "-".equals(value) ? "" : value;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    private static Optional<Duration> millis(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Optional.of(Duration.ofMillis(number(item, name))) : Optional.empty();
    }

    /** The execution's item as stored, for the ops console and tests; empty map when there is none. */
    public Map<String, AttributeValue> find(String region, String executionId) {
        return in(region)
                .getItem(b -> b.tableName(Tables.ROTATION_AUDIT)
                        .key(Map.of(KEY, s(executionId)))
                        .consistentRead(true))
                .item();
    }

    private static AttributeValue step(StepRecord step) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("step", s(step.step().name()));
        if (step.startedAt() != null) item.put("startedAt", s(step.startedAt().toString()));
        item.put("tookMillis", n(step.took().toMillis()));
        item.put("outcome", s(step.outcome().name()));
        item.put("detail", s(step.detail()));
        return AttributeValue.fromM(item);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null || value.isEmpty() ? "-" : value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
