package io.tradewind.platform.gateway;

import io.tradewind.platform.refusal.StoreRefusals;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The inbound journal in a DynamoDB (global) table keyed by {@code journalKey}. Each entry is a put conditional on its
 * key being new, so a message is journaled once however often it is delivered; a batch's puts run side by side, and
 * the batch counts as journaled once every put has succeeded. A key already journaled fails its condition and comes
 * back with the item that holds it: the same broker delivery (our own earlier attempt, which died before the ack) is
 * journaled; another delivery is a duplicate if its body is the same and a conflict if not. A batch that fails part-way is retried whole, and its journaled entries
 * are then found as that same delivery, so no transaction is needed (and none is paid for: a transaction costs twice
 * the writes of the same puts).
 */
public final class DynamoDbInboundJournal implements InboundJournal, AutoCloseable {
    public static final String KEY = "journalKey";
    private static final String BROKER_MESSAGE_ID = "brokerMessageId";
    private static final String SOURCE = "source";
    private static final String ORIGINAL_BYTES = "originalBytes";
    private static final String VERDICT = "verdict";
    private static final String VERDICT_DETAIL = "verdictDetail";
    private static final String AUTHENTICATED_SENDER = "authenticatedSender";
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
    public List<JournalOutcome> recordAll(List<JournalEntry> entries) {
        // One journal item per key: a later entry of the same key in this batch is judged against the first.
        Map<String, Integer> firstOfKey = new HashMap<>();
        List<JournalEntry> unique = new ArrayList<>();
        for (JournalEntry entry : entries)
            if (firstOfKey.putIfAbsent(entry.journalKey(), unique.size()) == null) unique.add(entry);
        List<JournalOutcome> outcomes = guard.call(() -> puts().map(unique, this::putIfAbsent));
        List<JournalOutcome> byEntry = new ArrayList<>(entries.size());
        boolean[] answered = new boolean[unique.size()];
        for (JournalEntry entry : entries) {
            int first = firstOfKey.get(entry.journalKey());
            if (!answered[first]) {
                answered[first] = true;
                byEntry.add(outcomes.get(first));
            } else {
                byEntry.add(repeatOutcome(unique.get(first), outcomes.get(first), entry));
            }
        }
        return byEntry;
    }

    /** A second delivery of a key within one batch, judged as a put after the first's would be. */
    private static JournalOutcome repeatOutcome(JournalEntry first, JournalOutcome firstOutcome, JournalEntry repeat) {
        if (firstOutcome.is(JournalOutcome.Kind.REFUSED)) return firstOutcome;
        if (firstOutcome.is(JournalOutcome.Kind.CONFLICT)) return firstOutcome;
        return judgedAgainst(first, repeat);
    }

    /** Another delivery under the key the journal holds: a duplicate if it carries the same body, else a conflict. */
    private static JournalOutcome judgedAgainst(JournalEntry holder, JournalEntry entry) {
        return sameContent(holder, entry)
                ? JournalOutcome.DUPLICATE
                : JournalOutcome.conflict("messageId first received at " + holder.receivedAt() + " with other content");
    }

    private synchronized FanOut puts() {
        if (puts == null) puts = new FanOut(tableName + "-put", PARALLEL_PUTS);
        return puts;
    }

    /**
     * Writes the entry unless its key is journaled already. A key another delivery journaled is a duplicate if that
     * delivery carried the same body, a conflict otherwise; our own earlier attempt (same broker id) counts as
     * journaled. A put the store refuses (its validation, not its availability) is that entry's outcome, and the
     * other puts of the batch stand.
     */
    private JournalOutcome putIfAbsent(JournalEntry entry) {
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(itemOf(entry))
                    .conditionExpression("attribute_not_exists(" + KEY + ")")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return JournalOutcome.JOURNALED;
        } catch (ConditionalCheckFailedException journaled) {
            if (!journaled.hasItem() || journaled.item().get(BROKER_MESSAGE_ID) == null)
                throw new IllegalStateException("the journal did not return the item holding " + entry.journalKey());
            JournalEntry holder = entryOf(journaled.item());
            if (holder.brokerMessageId().equals(entry.brokerMessageId())) return JournalOutcome.JOURNALED;
            return judgedAgainst(holder, entry);
        } catch (DynamoDbException e) {
            Optional<String> refusal = StoreRefusals.refusalOf(e);
            if (refusal.isEmpty()) throw e;
            return JournalOutcome.refused(refusal.get());
        }
    }

    private static boolean sameContent(JournalEntry a, JournalEntry b) {
        return a.originalBytes() == b.originalBytes() && a.body().equals(b.body());
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
                        : Integer.parseInt(originalBytes.n()),
                textOrNull(item.get(VERDICT)),
                textOrNull(item.get(VERDICT_DETAIL)),
                textOrNull(item.get(AUTHENTICATED_SENDER)));
    }

    private static String textOrNull(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }

    /** The attribute a journal item's arrival is kept in as epoch milliseconds, for scans over a window. */
    public static final String RECEIVED_AT_MILLIS = "receivedAtMillis";

    private Map<String, AttributeValue> itemOf(JournalEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(entry.journalKey()));
        item.put("body", AttributeValue.fromS(entry.body()));
        item.put("partitionKey", AttributeValue.fromS(entry.partitionKey()));
        item.put(BROKER_MESSAGE_ID, AttributeValue.fromS(entry.brokerMessageId()));
        item.put("receivedAt", AttributeValue.fromS(entry.receivedAt().toString()));
        item.put(
                RECEIVED_AT_MILLIS,
                AttributeValue.fromN(Long.toString(entry.receivedAt().toEpochMilli())));
        item.put("region", AttributeValue.fromS(region));
        item.put(SOURCE, AttributeValue.fromS(entry.source() == null ? "" : entry.source()));
        item.put(ORIGINAL_BYTES, AttributeValue.fromN(Integer.toString(entry.originalBytes())));
        if (entry.verdict() != null) {
            item.put(VERDICT, AttributeValue.fromS(entry.verdict()));
            item.put(VERDICT_DETAIL, AttributeValue.fromS(entry.verdictDetail() == null ? "" : entry.verdictDetail()));
        }
        if (entry.authenticatedSender() != null)
            item.put(AUTHENTICATED_SENDER, AttributeValue.fromS(entry.authenticatedSender()));
        return item;
    }

    /** Stops the threads that put a batch's entries side by side. */
    @Override
    public synchronized void close() {
        if (puts != null) puts.close();
    }
}
