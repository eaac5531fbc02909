package io.tradewind.platform.gateway;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The inbound journal in a DynamoDB (global) table keyed by {@code journalKey}. Each entry is a put conditional on its
 * key being new, so a message is journaled once however often it is delivered; a batch's puts run side by side, and
 * the batch counts as journaled once every put has succeeded. A key already journaled fails its condition and comes
 * back with the item that holds it: the same broker delivery (our own earlier attempt, which died before the ack) is
 * journaled; another delivery is a duplicate. A batch that fails part-way is retried whole, and its journaled entries
 * are then found as that same delivery, so no transaction is needed (and none is paid for: a transaction costs twice
 * the writes of the same puts).
 */
public final class DynamoDbInboundJournal implements InboundJournal, AutoCloseable {
    public static final String KEY = "journalKey";
    private static final String BROKER_MESSAGE_ID = "brokerMessageId";
    private static final String SOURCE = "source";
    private static final String ORIGINAL_BYTES = "originalBytes";
    /** DynamoDB's limit of keys per BatchGetItem. */
    private static final int MAX_KEYS_PER_READ = 100;
    /** Puts in flight at once for one batch. */
    private static final int PARALLEL_PUTS = 16;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String region;
    private final DependencyGuard guard;
    private FanOut puts;

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
        List<Boolean> journaledHere = guard.call(() -> puts().map(unique, this::putIfAbsent));
        for (int i = 0; i < unique.size(); i++)
            if (!journaledHere.get(i)) duplicates.add(unique.get(i).journalKey());
        return duplicates;
    }

    private synchronized FanOut puts() {
        if (puts == null) puts = new FanOut(tableName + "-put", PARALLEL_PUTS);
        return puts;
    }

    /**
     * Writes the entry unless its key is journaled already.
     *
     * @return false when another delivery journaled the key (not this very delivery, on an earlier attempt that died
     *     before the ack)
     */
    private boolean putIfAbsent(JournalEntry entry) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(itemOf(entry))
                    .conditionExpression("attribute_not_exists(" + KEY + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException journaled) {
            AttributeValue previous = journaled.hasItem() ? journaled.item().get(BROKER_MESSAGE_ID) : null;
            return previous != null && previous.s().equals(entry.brokerMessageId());
        }
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
        for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_READ) {
            KeysAndAttributes.Builder ask = KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_READ)).stream()
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

    private Map<String, AttributeValue> itemOf(JournalEntry entry) {
        return Map.of(
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
    }

    /** Stops the threads that put a batch's entries side by side. */
    @Override
    public synchronized void close() {
        if (puts != null) puts.close();
    }
}
