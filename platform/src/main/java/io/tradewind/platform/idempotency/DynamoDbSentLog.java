package io.tradewind.platform.idempotency;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The sent-log in a DynamoDB table keyed by {@code messageId}, read and written in batches (100 keys per read, 25
 * items per write), with unprocessed keys and items retried until DynamoDB has taken them all.
 */
public final class DynamoDbSentLog implements SentLog, AutoCloseable {
    public static final String KEY = "messageId";
    private static final int READ_BATCH = 100;
    private static final int WRITE_BATCH = 25;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final DependencyGuard guard;
    private final Clock clock;
    private final FanOut fanOut;

    public DynamoDbSentLog(DynamoDbClient dynamoDb, String tableName, DependencyGuard guard, Clock clock) {
        this.fanOut = new FanOut(tableName + "-io", 8);
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Set<String> alreadySent(Collection<String> messageIds) {
        Set<String> sent = new HashSet<>();
        fanOut.map(chunks(new ArrayList<>(new HashSet<>(messageIds)), READ_BATCH), this::readChunk)
                .forEach(sent::addAll);
        return sent;
    }

    private Set<String> readChunk(List<String> chunk) {
        Set<String> sent = new HashSet<>();
        Map<String, KeysAndAttributes> request = Map.of(
                tableName,
                KeysAndAttributes.builder()
                        .keys(chunk.stream()
                                .map(id -> Map.of(KEY, AttributeValue.fromS(id)))
                                .toList())
                        .consistentRead(true)
                        .build());
        while (!request.isEmpty()) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = guard.call(() -> dynamoDb.batchGetItem(b -> b.requestItems(current)));
            response.responses()
                    .getOrDefault(tableName, List.of())
                    .forEach(item -> sent.add(item.get(KEY).s()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return sent;
    }

    @Override
    public void recordSent(Collection<String> messageIds) {
        String sentAt = clock.instant().toString();
        fanOut.map(chunks(new ArrayList<>(new HashSet<>(messageIds)), WRITE_BATCH), chunk -> {
            writeChunk(chunk, sentAt);
            return chunk.size();
        });
    }

    private void writeChunk(List<String> chunk, String sentAt) {
        Map<String, List<WriteRequest>> request = new HashMap<>();
        request.put(
                tableName,
                chunk.stream()
                        .map(id -> WriteRequest.builder()
                                .putRequest(PutRequest.builder()
                                        .item(Map.of(
                                                KEY, AttributeValue.fromS(id), "sentAt", AttributeValue.fromS(sentAt)))
                                        .build())
                                .build())
                        .toList());
        while (!request.isEmpty()) {
            Map<String, List<WriteRequest>> current = request;
            BatchWriteItemResponse response = guard.call(() -> dynamoDb.batchWriteItem(b -> b.requestItems(current)));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        return chunks;
    }

    /** Releases the threads that run a batch's requests concurrently. */
    @Override
    public void close() {
        fanOut.close();
    }
}
