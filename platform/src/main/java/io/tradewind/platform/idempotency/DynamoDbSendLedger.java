package io.tradewind.platform.idempotency;

import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.resilience.DependencyGuard;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The send ledger in a DynamoDB global table with multi-Region strong consistency: a write returns only once another
 * region holds it, so a region lost abruptly cannot take an entry with it (the sandbox's emulated DynamoDB does the
 * same for tables named {@code *-send-ledger}).
 *
 * <p>An entry is one batch: its ids as a string set, under the minute it was sent in (the partition key, so a time
 * range is a few queries) and its send time plus a random suffix (the sort key). Entries expire after the retention
 * (DynamoDB's TTL attribute {@code expiresAt}); only the last minutes are ever read back.
 */
public final class DynamoDbSendLedger implements SendLedger {
    static final String MINUTE = "minute";
    static final String ENTRY = "entry";
    static final String IDS = "messageIds";
    static final String EXPIRES_AT = "expiresAt";
    /** Keeps an entry well under DynamoDB's 400 KB item limit, whatever the ids' length (up to about 300 bytes). */
    static final int IDS_PER_ENTRY = 1000;
    /** Long past any failover's reach; the recovery reads minutes back. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** Fixed width, so that send times sort as text in time order (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter MINUTE_KEY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    private final String tableName;
    private final DynamoDbClient dynamoDb;
    private final DependencyGuard guard;
    private final Duration retention;

    /** @param retention how long an entry is kept */
    public DynamoDbSendLedger(String tableName, DynamoDbClient dynamoDb, DependencyGuard guard, Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero())
            throw new IllegalArgumentException("retention must be positive: " + retention);
        this.tableName = tableName;
        this.dynamoDb = dynamoDb;
        this.guard = guard;
        this.retention = retention;
    }

    /** Creates the table in this region unless it exists (on AWS, Terraform creates it with its replicas). */
    public void provision() {
        CreateTableRequest table = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName(MINUTE)
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName(ENTRY)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName(MINUTE)
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName(ENTRY)
                                .keyType(KeyType.RANGE)
                                .build())
                .build();
        new Provisioner(null, dynamoDb).ensureTable(table);
    }

    @Override
    public void record(Collection<String> messageIds, Instant sentAt) {
        List<String> ids = List.copyOf(new HashSet<>(messageIds));
        for (int from = 0; from < ids.size(); from += IDS_PER_ENTRY) {
            Map<String, AttributeValue> entry =
                    entry(ids.subList(from, Math.min(ids.size(), from + IDS_PER_ENTRY)), sentAt);
            guard.run(() -> dynamoDb.putItem(b -> b.tableName(tableName).item(entry)));
        }
    }

    private Map<String, AttributeValue> entry(List<String> ids, Instant sentAt) {
        return Map.of(
                MINUTE, AttributeValue.fromS(MINUTE_KEY.format(sentAt)),
                ENTRY, AttributeValue.fromS(SORTABLE.format(sentAt) + "#" + UUID.randomUUID()),
                IDS, AttributeValue.fromSs(ids),
                EXPIRES_AT,
                        AttributeValue.fromN(
                                Long.toString(sentAt.plus(retention).getEpochSecond())));
    }

    @Override
    public Set<String> sentBetween(Instant since, Instant until) {
        Set<String> ids = new HashSet<>();
        if (!since.isBefore(until)) return ids;
        // "<sent at>#<suffix>" lies between the two bounds exactly when since <= sent at < until.
        String from = SORTABLE.format(since);
        String to = SORTABLE.format(until);
        Instant lastMinute = until.minusNanos(1).truncatedTo(ChronoUnit.MINUTES);
        for (Instant minute = since.truncatedTo(ChronoUnit.MINUTES);
                !minute.isAfter(lastMinute);
                minute = minute.plus(1, ChronoUnit.MINUTES)) {
            Map<String, AttributeValue> start = null;
            do {
                QueryRequest request = QueryRequest.builder()
                        .tableName(tableName)
                        .consistentRead(true)
                        .keyConditionExpression("#m = :m AND #e BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#m", MINUTE, "#e", ENTRY))
                        .expressionAttributeValues(Map.of(
                                ":m", AttributeValue.fromS(MINUTE_KEY.format(minute)),
                                ":from", AttributeValue.fromS(from),
                                ":to", AttributeValue.fromS(to)))
                        .exclusiveStartKey(start)
                        .build();
                QueryResponse page = guard.call(() -> dynamoDb.query(request));
                for (Map<String, AttributeValue> entry : page.items())
                    ids.addAll(entry.get(IDS).ss());
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }
        return ids;
    }
}
