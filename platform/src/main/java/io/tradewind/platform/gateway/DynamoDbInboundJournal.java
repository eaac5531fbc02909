package io.tradewind.platform.gateway;

import io.tradewind.platform.resilience.DependencyGuard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The inbound journal in a DynamoDB (global) table keyed by {@code journalKey}. A batch is journaled with one
 * transaction of puts conditional on each key being new, so a message is journaled once however often it is
 * delivered, in one request per hundred messages rather than a hundred. A key already journaled (a redelivery, a
 * sender's duplicate, a concurrent writer) cancels the transaction with that key named and its item returned; it is
 * counted as present and the rest is written again. Duplicates are rare, so no read of the keys comes first: that read
 * cost as much of the sandbox's DynamoDB as the write.
 */
public final class DynamoDbInboundJournal implements InboundJournal {
    public static final String KEY = "journalKey";
    private static final String BROKER_MESSAGE_ID = "brokerMessageId";
    private static final String SOURCE = "source";
    private static final String ORIGINAL_BYTES = "originalBytes";
    /** DynamoDB's limit of keys per BatchGetItem and of items per TransactWriteItems. */
    private static final int MAX_ITEMS_PER_REQUEST = 100;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final DependencyGuard guard;

    public DynamoDbInboundJournal(DynamoDbClient dynamoDb, String tableName, String region, DependencyGuard guard) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.region = region;
        this.guard = guard;
    }

    @Override
    public Set<String> recordAll(List<JournalEntry> entries) {
        // One journal item per key: a later entry of the same key in this batch is a duplicate of the first.
        Map<String, JournalEntry> byKey = new LinkedHashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (JournalEntry entry : entries)
            if (byKey.putIfAbsent(entry.journalKey(), entry) != null) duplicates.add(entry.journalKey());
        List<JournalEntry> unique = new ArrayList<>(byKey.values());
        for (int from = 0; from < unique.size(); from += MAX_ITEMS_PER_REQUEST) {
            List<JournalEntry> chunk = unique.subList(from, Math.min(unique.size(), from + MAX_ITEMS_PER_REQUEST));
            duplicates.addAll(guard.call(() -> writeAbsent(chunk)));
        }
        return duplicates;
    }

    /** The entries journaled under these keys (keys not journaled have none), as reconciliation reads them back. */
    public List<JournalEntry> entriesOf(Collection<String> journalKeys) {
        List<String> keys = List.copyOf(new LinkedHashSet<>(journalKeys));
        return guard.call(() -> itemsOf(keys, null)).stream()
                .map(DynamoDbInboundJournal::entryOf)
                .toList();
    }

    /** The items of these distinct keys, read consistently 100 keys a request; only {@code projection}, if given. */
    private List<Map<String, AttributeValue>> itemsOf(List<String> keys, String projection) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_ITEMS_PER_REQUEST) {
            KeysAndAttributes.Builder ask = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_ITEMS_PER_REQUEST)).stream()
                            .map(key -> Map.of(KEY, AttributeValue.fromS(key)))
                            .toList())
                    .consistentRead(true);
            if (projection != null) ask.projectionExpression(projection);
            Map<String, KeysAndAttributes> request = Map.of(tableName, ask.build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> current = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(current));
                items.addAll(response.responses().getOrDefault(tableName, List.of()));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    /**
     * Writes each entry unless its key is journaled already. A key already there cancels the whole transaction, naming
     * that key and returning its item; the rest is written again.
     *
     * @return keys another delivery journaled (not this very delivery, on an earlier attempt that died before the ack)
     */
    private Set<String> writeAbsent(List<JournalEntry> absent) {
        Set<String> raced = new HashSet<>();
        List<JournalEntry> pending = absent;
        while (!pending.isEmpty()) {
            List<JournalEntry> attempt = pending;
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(
                        attempt.stream().map(this::conditionalPut).toList()));
                return raced;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (reasons == null || reasons.size() != attempt.size()) throw cancelled;
                List<JournalEntry> retry = new ArrayList<>();
                for (int i = 0; i < attempt.size(); i++) {
                    JournalEntry entry = attempt.get(i);
                    if (!"ConditionalCheckFailed".equals(reasons.get(i).code())) retry.add(entry);
                    else if (!sameDelivery(reasons.get(i), entry)) raced.add(entry.journalKey());
                }
                if (retry.size() == attempt.size()) throw cancelled; // cancelled for another reason: not ours to fix
                pending = retry;
            }
        }
        return raced;
    }

    private static boolean sameDelivery(CancellationReason reason, JournalEntry entry) {
        AttributeValue previous = reason.item() == null ? null : reason.item().get(BROKER_MESSAGE_ID);
        return previous != null && previous.s().equals(entry.brokerMessageId());
    }

    /**
     * The entry a journal item holds, as reconciliation reads it back. Items written before the journal kept the
     * source queue and original size read as from the main queue, whole.
     */
    public static JournalEntry entryOf(Map<String, AttributeValue> item) {
        String body = item.get("body").s();
        AttributeValue source = item.get(SOURCE);
        AttributeValue originalBytes = item.get(ORIGINAL_BYTES);
        return new JournalEntry(
                item.get(KEY).s(),
                body,
                item.get("partitionKey").s(),
                item.get(BROKER_MESSAGE_ID).s(),
                Instant.parse(item.get("receivedAt").s()),
                source == null || source.s().isEmpty() ? null : source.s(),
                originalBytes == null
                        ? body.getBytes(StandardCharsets.UTF_8).length
                        : Integer.parseInt(originalBytes.n()));
    }

    /** The attribute a journal item's arrival is kept in as epoch milliseconds, for scans over a window. */
    public static final String RECEIVED_AT_MILLIS = "receivedAtMillis";

    private TransactWriteItem conditionalPut(JournalEntry entry) {
        Map<String, AttributeValue> item = Map.of(
                KEY,
                AttributeValue.fromS(entry.journalKey()),
                "body",
                AttributeValue.fromS(entry.body()),
                "partitionKey",
                AttributeValue.fromS(entry.partitionKey()),
                BROKER_MESSAGE_ID,
                AttributeValue.fromS(entry.brokerMessageId()),
                "receivedAt",
                AttributeValue.fromS(entry.receivedAt().toString()),
                "receivedAtMillis",
                AttributeValue.fromN(Long.toString(entry.receivedAt().toEpochMilli())),
                "region",
                AttributeValue.fromS(region),
                SOURCE,
                AttributeValue.fromS(entry.source() == null ? "" : entry.source()),
                ORIGINAL_BYTES,
                AttributeValue.fromN(Integer.toString(entry.originalBytes())));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(" + KEY + ")")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }
}
