package io.tradewind.platform.stream;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 */
public final class KinesisPublisher {
    public static final int MAX_RECORDS_PER_REQUEST = 500;
    public static final int MAX_BYTES_PER_REQUEST = 5 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(KinesisPublisher.class);

    private final KinesisClient kinesis;
    private final String streamName;
    private final DependencyGuard guard;
    private final Sleeper sleeper;
    private final int maxPartialRetries;
    private final java.util.function.IntConsumer onPublished;

    public KinesisPublisher(KinesisClient kinesis, String streamName, DependencyGuard guard) {
        this(kinesis, streamName, guard, Sleeper.THREAD, 12);
    }

    public KinesisPublisher(
            KinesisClient kinesis, String streamName, DependencyGuard guard, Sleeper sleeper, int maxPartialRetries) {
        this(kinesis, streamName, guard, sleeper, maxPartialRetries, count -> {});
    }

    private KinesisPublisher(
            KinesisClient kinesis,
            String streamName,
            DependencyGuard guard,
            Sleeper sleeper,
            int maxPartialRetries,
            java.util.function.IntConsumer onPublished) {
        this.onPublished = onPublished;
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.guard = guard;
        this.sleeper = sleeper;
        this.maxPartialRetries = maxPartialRetries;
    }

    public String streamName() {
        return streamName;
    }

    /** Publishes every record, in request-sized chunks; returns when all are accepted. */
    public void publishAll(List<OutboundRecord> records) {
        for (List<OutboundRecord> chunk : chunks(records)) publishChunk(chunk);
        if (!records.isEmpty()) onPublished.accept(records.size());
    }

    /** The same publisher, also telling {@code listener} how many records each call published (a stage's "out"). */
    public KinesisPublisher countingInto(java.util.function.IntConsumer listener) {
        return new KinesisPublisher(kinesis, streamName, guard, sleeper, maxPartialRetries, listener);
    }

    /** Splits records into PutRecords requests of at most 500 records and 5 MiB, keeping their order. */
    static List<List<OutboundRecord>> chunks(List<OutboundRecord> records) {
        List<List<OutboundRecord>> chunks = new ArrayList<>();
        List<OutboundRecord> current = new ArrayList<>();
        int currentBytes = 0;
        for (OutboundRecord record : records) {
            int size = record.sizeBytes();
            if (!current.isEmpty()
                    && (current.size() == MAX_RECORDS_PER_REQUEST || currentBytes + size > MAX_BYTES_PER_REQUEST)) {
                chunks.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(record);
            currentBytes += size;
        }
        if (!current.isEmpty()) chunks.add(current);
        return chunks;
    }

    private void publishChunk(List<OutboundRecord> chunk) {
        List<PutRecordsRequestEntry> pending = chunk.stream()
                .map(record -> PutRecordsRequestEntry.builder()
                        .partitionKey(record.partitionKey())
                        .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                        .build())
                .toList();
        for (int attempt = 0; ; attempt++) {
            List<PutRecordsRequestEntry> request = pending;
            PutRecordsResponse response = guard.call(
                    () -> kinesis.putRecords(b -> b.streamName(streamName).records(request)));
            Integer failedCount = response.failedRecordCount();
            if (failedCount == null || failedCount == 0) return;
            pending = failedEntries(request, response.records());
            if (attempt >= maxPartialRetries)
                throw new DependencyUnavailableException(
                        "kinesis",
                        pending.size() + " records still rejected by " + streamName + " after " + attempt
                                + " retries; first error " + firstError(response.records()),
                        null);
            log.debug("{} of {} records rejected by {}; retrying them", pending.size(), request.size(), streamName);
            backOff(attempt);
        }
    }

    private static List<PutRecordsRequestEntry> failedEntries(
            List<PutRecordsRequestEntry> request, List<PutRecordsResultEntry> results) {
        if (results.size() != request.size())
            throw new IllegalStateException(
                    "PutRecords answered " + results.size() + " results for " + request.size() + " records");
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) if (results.get(i).errorCode() != null) failed.add(request.get(i));
        return failed;
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
