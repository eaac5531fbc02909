package io.tradewind.platform.gateway;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The inbound journal in a DynamoDB (global) table keyed by {@code journalKey}: each put is conditional on the key
 * being new, so a message is journaled once however often it is delivered.
 */
public final class DynamoDbInboundJournal implements InboundJournal {
    public static final String KEY = "journalKey";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final DependencyGuard guard;
    private final FanOut fanOut;

    /** Journals each batch with up to 16 conditional puts in flight. */
    public DynamoDbInboundJournal(DynamoDbClient dynamoDb, String tableName, String region, DependencyGuard guard) {
        this(dynamoDb, tableName, region, guard, new FanOut(tableName + "-put", 16));
    }

    public DynamoDbInboundJournal(
            DynamoDbClient dynamoDb, String tableName, String region, DependencyGuard guard, FanOut fanOut) {
        this.fanOut = fanOut;
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.guard = guard;
    }

    @Override
    public Set<String> recordAll(List<JournalEntry> entries) {
        // Puts of one batch are independent (one key each), so they run concurrently; the batch is acknowledged only
        // when all have succeeded.
        List<Boolean> recorded = fanOut.map(entries, this::recordOne);
        Set<String> duplicates = new HashSet<>();
        for (int i = 0; i < entries.size(); i++)
            if (!recorded.get(i)) duplicates.add(entries.get(i).journalKey());
        return duplicates;
    }

    /** @return false when a different delivery of this key was journaled before */
    private boolean recordOne(JournalEntry entry) {
        Map<String, AttributeValue> item = Map.of(
                KEY,
                s(entry.journalKey()),
                "body",
                s(entry.body()),
                "partitionKey",
                s(entry.partitionKey()),
                "brokerMessageId",
                s(entry.brokerMessageId()),
                "receivedAt",
                s(entry.receivedAt().toString()),
                "receivedAtMillis",
                AttributeValue.fromN(Long.toString(entry.receivedAt().toEpochMilli())),
                "region",
                s(region));
        return guard.call(() -> {
            try {
                dynamoDb.putItem(b -> b.tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(" + KEY + ")")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return true;
            } catch (ConditionalCheckFailedException e) {
                // Our own earlier attempt at this very delivery (died before the ack) is not a sender's duplicate.
                AttributeValue previous = e.hasItem() ? e.item().get("brokerMessageId") : null;
                return previous != null && previous.s().equals(entry.brokerMessageId());
            }
        });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
