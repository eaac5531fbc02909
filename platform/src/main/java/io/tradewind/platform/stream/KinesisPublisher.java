package io.tradewind.platform.stream;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts records on one stream and returns only when Kinesis has accepted every one of them. Requests hold at most 500
 * records and 5 MiB; entries PutRecords reports as failed (throttled, internal error) are retried alone with backoff;
 * nothing is dropped. If entries keep failing the call ends in {@link DependencyUnavailableException}, and the caller's
 * batch is retried whole: re-publishing accepted records is harmless because every consumer is idempotent.
 *
 * <p>{@link #aggregating} packs the records bound for one shard into KPL aggregates ({@link KclAggregate}), which
 * KCL unpacks: one Kinesis record then carries dozens of a stage's outputs. Kinesis' costs and limits count Kinesis
 * records (1,000 a second per shard on AWS; each one a put and a read for the emulator), so this is what lets a shard
 * carry a busy stage. Each aggregate is put with an explicit hash key inside the shard its records hash to, by a map
 * of the open shards; if Kinesis puts one on another shard (the map is stale after a reshard), KCL would drop it
 * there, so its records are put again by a fresh map.
 */
public final class KinesisPublisher {
    public static final int MAX_RECORDS_PER_REQUEST = 500;
    public static final int MAX_BYTES_PER_REQUEST = 5 * 1024 * 1024;

    /** How often records are put again because their aggregate landed on an unexpected shard, before giving up. */
    private static final int MAX_REROUTES = 5;

    private static final Logger log = LoggerFactory.getLogger(KinesisPublisher.class);

    private final KinesisClient kinesis;
    private final String streamName;
    private final DependencyGuard guard;
    private final Sleeper sleeper;
    private final int maxPartialRetries;
    private final IntConsumer onPublished;
    /** The most bytes one aggregate holds; 0 puts every record as a Kinesis record of its own. */
    private final int maxAggregateBytes;

    private volatile ShardMap shardMap;

    public KinesisPublisher(KinesisClient kinesis, String streamName, DependencyGuard guard) {
        this(kinesis, streamName, guard, Sleeper.THREAD, 12);
    }

    public KinesisPublisher(
            KinesisClient kinesis, String streamName, DependencyGuard guard, Sleeper sleeper, int maxPartialRetries) {
        this(kinesis, streamName, guard, sleeper, maxPartialRetries, count -> {}, 0);
    }

    private KinesisPublisher(
            KinesisClient kinesis,
            String streamName,
            DependencyGuard guard,
            Sleeper sleeper,
            int maxPartialRetries,
            IntConsumer onPublished,
            int maxAggregateBytes) {
        this.onPublished = onPublished;
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.guard = guard;
        this.sleeper = sleeper;
        this.maxPartialRetries = maxPartialRetries;
        this.maxAggregateBytes = maxAggregateBytes;
    }

    public String streamName() {
        return streamName;
    }

    /** Publishes every record, in request-sized chunks; returns when all are accepted. */
    public void publishAll(List<OutboundRecord> records) {
        publish(records, 0);
        if (!records.isEmpty()) onPublished.accept(records.size());
    }

    /** The same publisher, also telling {@code listener} how many records each call published (a stage's "out"). */
    public KinesisPublisher countingInto(IntConsumer listener) {
        return new KinesisPublisher(
                kinesis, streamName, guard, sleeper, maxPartialRetries, listener, maxAggregateBytes);
    }

    /**
     * The same publisher, packing the records of a call that go to one shard into aggregates of at most
     * {@code maxAggregateBytes} (a record bigger than that goes alone).
     */
    public KinesisPublisher aggregating(int maxAggregateBytes) {
        if (maxAggregateBytes <= KclAggregate.FRAMING_BYTES || maxAggregateBytes > OutboundRecord.MAX_RECORD_BYTES)
            throw new IllegalArgumentException("maxAggregateBytes " + maxAggregateBytes + " is not a record's size");
        return new KinesisPublisher(
                kinesis, streamName, guard, sleeper, maxPartialRetries, onPublished, maxAggregateBytes);
    }

    /** Splits items into PutRecords requests of at most 500 records and 5 MiB, keeping their order. */
    static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> sizeOf) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        int currentBytes = 0;
        for (T item : items) {
            int size = sizeOf.applyAsInt(item);
            if (!current.isEmpty()
                    && (current.size() == MAX_RECORDS_PER_REQUEST || currentBytes + size > MAX_BYTES_PER_REQUEST)) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(item);
            currentBytes += size;
        }
        if (!current.isEmpty()) chunks.add(current);
        return chunks;
    }

    /**
     * One PutRecords entry and the records it carries.
     *
     * @param expectedShardId the shard an aggregate must land on; null for a lone record, which Kinesis routes itself
     */
    private record Entry(PutRecordsRequestEntry request, List<OutboundRecord> records, String expectedShardId) {
        int sizeBytes() {
            return request.data().asByteArrayUnsafe().length
                    + request.partitionKey().getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private void publish(List<OutboundRecord> records, int reroutes) {
        for (List<Entry> chunk : chunks(entriesOf(records), Entry::sizeBytes)) {
            List<OutboundRecord> misrouted = publishChunk(chunk);
            if (misrouted.isEmpty()) continue;
            if (reroutes >= MAX_REROUTES)
                throw new DependencyUnavailableException(
                        "kinesis",
                        misrouted.size() + " records of " + streamName + " still land on unexpected shards after "
                                + reroutes + " fresh shard maps",
                        null);
            log.info("{}: {} records landed on an unexpected shard; putting them again", streamName, misrouted.size());
            shardMap = null;
            publish(misrouted, reroutes + 1);
        }
    }

    private List<Entry> entriesOf(List<OutboundRecord> records) {
        if (maxAggregateBytes == 0 || records.size() < 2)
            return records.stream().map(KinesisPublisher::lone).toList();
        ShardMap map = shardMap();
        List<Entry> entries = new ArrayList<>();
        Map<String, Packing> open = new LinkedHashMap<>();
        for (OutboundRecord record : records) {
            Optional<ShardMap.OpenShard> shard = map.shardOf(record.partitionKey());
            if (shard.isEmpty()) {
                // No open shard claims the key (a map read mid-reshard): Kinesis routes a lone record correctly.
                entries.add(lone(record));
                continue;
            }
            Packing packing = open.computeIfAbsent(shard.get().shardId(), id -> new Packing(shard.get()));
            if (!packing.fits(record, maxAggregateBytes)) {
                entries.add(packing.entry());
                packing = new Packing(packing.shard);
                open.put(packing.shard.shardId(), packing);
            }
            packing.add(record);
        }
        for (Packing packing : open.values()) entries.add(packing.entry());
        return entries;
    }

    /** The records gathered for one aggregate on one shard. */
    private static final class Packing {
        final ShardMap.OpenShard shard;
        final List<OutboundRecord> records = new ArrayList<>();
        int bytes = KclAggregate.FRAMING_BYTES;

        Packing(ShardMap.OpenShard shard) {
            this.shard = shard;
        }

        boolean fits(OutboundRecord record, int maxBytes) {
            return records.isEmpty() || bytes + KclAggregate.sizeOf(record) <= maxBytes;
        }

        void add(OutboundRecord record) {
            records.add(record);
            bytes += KclAggregate.sizeOf(record);
        }

        Entry entry() {
            if (records.size() == 1) return lone(records.get(0));
            // Routed by an explicit hash key: the shard's first, so it lands there while the map holds.
            PutRecordsRequestEntry request = PutRecordsRequestEntry.builder()
                    .partitionKey(records.get(0).partitionKey())
                    .explicitHashKey(shard.startingHashKey().toString())
                    .data(SdkBytes.fromByteArrayUnsafe(KclAggregate.encode(records)))
                    .build();
            return new Entry(request, List.copyOf(records), shard.shardId());
        }
    }

    private static Entry lone(OutboundRecord record) {
        PutRecordsRequestEntry request = PutRecordsRequestEntry.builder()
                .partitionKey(record.partitionKey())
                .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                .build();
        return new Entry(request, List.of(record), null);
    }

    private ShardMap shardMap() {
        ShardMap map = shardMap;
        if (map == null) {
            map = ShardMap.of(guard.call(() -> ShardMap.listShards(kinesis, streamName)));
            shardMap = map;
        }
        return map;
    }

    /** Puts the chunk until every entry is accepted; returns the records of aggregates that landed on the wrong shard. */
    private List<OutboundRecord> publishChunk(List<Entry> chunk) {
        List<Entry> pending = chunk;
        List<OutboundRecord> misrouted = new ArrayList<>();
        for (int attempt = 0; ; attempt++) {
            List<PutRecordsRequestEntry> request =
                    pending.stream().map(Entry::request).toList();
            PutRecordsResponse response = guard.call(
                    () -> kinesis.putRecords(b -> b.streamName(streamName).records(request)));
            List<PutRecordsResultEntry> results = response.records();
            if (results.size() != pending.size())
                throw new IllegalStateException(
                        "PutRecords answered " + results.size() + " results for " + pending.size() + " records");
            List<Entry> failed = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                PutRecordsResultEntry result = results.get(i);
                Entry entry = pending.get(i);
                if (result.errorCode() != null) failed.add(entry);
                else if (entry.expectedShardId() != null
                        && !entry.expectedShardId().equals(result.shardId())) misrouted.addAll(entry.records());
            }
            if (failed.isEmpty()) return misrouted;
            if (attempt >= maxPartialRetries)
                throw new DependencyUnavailableException(
                        "kinesis",
                        failed.size() + " records still rejected by " + streamName + " after " + attempt
                                + " retries; first error " + firstError(results),
                        null);
            log.debug("{} of {} records rejected by {}; retrying them", failed.size(), pending.size(), streamName);
            pending = failed;
            backOff(attempt);
        }
    }

    private static String firstError(List<PutRecordsResultEntry> results) {
        return results.stream()
                .filter(result -> result.errorCode() != null)
                .map(result -> result.errorCode() + ": " + result.errorMessage())
                .findFirst()
                .orElse("none");
    }

    private void backOff(int attempt) {
        long capMillis = Math.min(2_000, 50L << Math.min(attempt, 6));
        long millis = capMillis / 2 + ThreadLocalRandom.current().nextLong(capMillis / 2 + 1);
        try {
            sleeper.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("kinesis", "interrupted while retrying failed records", e);
        }
    }
}
