package io.tradewind.platform.stream;

import io.tradewind.platform.logging.InputLogContext;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.quarantine.StageQuarantine;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.InputRefusedException;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.resilience.UndecodableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one batch through decode → process until it succeeds. A failure of any kind (a dependency down, a bug, a
 * class that fails to link) is logged and the whole batch is tried again after a growing pause: the shard stops,
 * nothing is checkpointed, nothing is dropped. It gives up only when the consumer no longer owns the shard or is
 * shutting down.
 *
 * <p>Two kinds of input never stop the shard. A record that cannot be decoded is quarantined with its bytes. A batch
 * that a store refuses ({@link InputRefusedException}: a value a column cannot hold, an oversized key), or that fails
 * in any other way that is not a dependency being unavailable (a broken invariant, a bug one input trips; quarantined
 * as {@code REFUSED_BY_INVARIANT} if it fails alone three times running), is split in
 * halves, each processed on its own, until the refused records stand alone; each is quarantined and the rest goes on, in
 * order. Stages are idempotent, so the records of a half that was applied before its sibling was refused are harmless
 * to process again.
 *
 * <p>While it handles one record alone (a batch of one, a record isolated by halving, one it quarantines), every line it
 * and the stage log names that record's id ({@link Stage#idOf}, else its partition key) in {@link InputLogContext}.
 */
public final class StageRunner<T> {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);
    static final String UNDECODABLE = "UNDECODABLE";
    /** How often a record that trips a bug on its own is tried before it is quarantined. */
    static final int ATTEMPTS_BEFORE_QUARANTINE = 3;

    private final String stageName;
    private final RecordDecoder<T> decoder;
    private final Stage<T> stage;
    private final StageQuarantine quarantine;
    private final Sleeper sleeper;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final StageMetrics metrics;

    public StageRunner(
            String stageName,
            RecordDecoder<T> decoder,
            Stage<T> stage,
            StageMetrics metrics,
            StageQuarantine quarantine) {
        this(
                stageName,
                decoder,
                stage,
                metrics,
                quarantine,
                Sleeper.THREAD,
                Duration.ofMillis(200),
                Duration.ofSeconds(10));
    }

    public StageRunner(
            String stageName,
            RecordDecoder<T> decoder,
            Stage<T> stage,
            StageMetrics metrics,
            StageQuarantine quarantine,
            Sleeper sleeper,
            Duration firstBackoff,
            Duration maxBackoff) {
        this.stageName = stageName;
        this.decoder = decoder;
        this.stage = stage;
        this.metrics = metrics;
        this.quarantine = quarantine;
        this.sleeper = sleeper;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public StageMetrics metrics() {
        return metrics;
    }

    public String stageName() {
        return stageName;
    }

    /**
     * Processes the batch, retrying until it succeeds or {@code keepTrying} turns false.
     *
     * @return true when the batch's effects are durable and it may be checkpointed
     */
    public boolean runUntilDone(List<StreamRecord> batch, BooleanSupplier keepTrying) {
        try {
            return decodeAndProcess(batch, keepTrying);
        } finally {
            metrics.attemptFinished(); // done or given up: this thread holds no batch now
        }
    }

    private boolean decodeAndProcess(List<StreamRecord> batch, BooleanSupplier keepTrying) {
        List<StreamRecord> records = new ArrayList<>(batch.size());
        List<T> decoded = new ArrayList<>(batch.size());
        List<UndecodableRecord> undecodable = new ArrayList<>();
        for (StreamRecord record : batch) {
            try {
                decoded.add(decoder.decode(record));
                records.add(record);
            } catch (UndecodableRecordException e) {
                undecodable.add(new UndecodableRecord(record, e.getMessage()));
            }
        }
        metrics.received(batch.size());
        long startNanos = System.nanoTime();
        for (UndecodableRecord record : undecodable)
            try (InputLogContext ignored = InputLogContext.of(record.record().partitionKey())) {
                if (!untilDone(() -> hold(record.record(), UNDECODABLE, record.reason()), record.record(), keepTrying))
                    return false;
            }
        if (!decoded.isEmpty() && !processIsolatingRefusals(records, decoded, keepTrying)) return false;
        metrics.processed(Duration.ofNanos(System.nanoTime() - startNanos));
        metrics.rejected(undecodable.size());
        return true;
    }

    /**
     * Processes {@code decoded}; a refused part is halved until each refused record is alone, and quarantined. A
     * failure that is neither a dependency being unavailable nor a refusal (a bug that one input trips, such as a null
     * where a row was expected) is halved the same way; a record that still fails so alone, {@link
     * #ATTEMPTS_BEFORE_QUARANTINE} times running, is quarantined too, rather than stall its shard for good.
     */
    private boolean processIsolatingRefusals(List<StreamRecord> records, List<T> decoded, BooleanSupplier keepTrying) {
        if (decoded.size() != 1) return isolateRefusals(records, decoded, keepTrying);
        try (InputLogContext ignored = InputLogContext.of(idOf(records.get(0), decoded.get(0)))) {
            return isolateRefusals(records, decoded, keepTrying);
        }
    }

    private String idOf(StreamRecord record, T input) {
        String id = stage.idOf(input);
        return id != null ? id : record.partitionKey();
    }

    private boolean isolateRefusals(List<StreamRecord> records, List<T> decoded, BooleanSupplier keepTrying) {
        RuntimeException[] failed = new RuntimeException[1];
        int attempts = 0;
        do {
            attempts++;
            boolean done = untilDone(
                    () -> {
                        try {
                            stage.process(decoded);
                            failed[0] = null;
                        } catch (DependencyUnavailableException e) {
                            throw e; // retried whole, as long as it takes
                        } catch (RuntimeException e) {
                            failed[0] = e;
                        }
                    },
                    null,
                    keepTrying);
            if (!done) return false;
            if (failed[0] == null) return true;
            if (decoded.size() > 1) {
                int half = decoded.size() / 2;
                return processIsolatingRefusals(records.subList(0, half), decoded.subList(0, half), keepTrying)
                        && processIsolatingRefusals(
                                records.subList(half, records.size()),
                                decoded.subList(half, decoded.size()),
                                keepTrying);
            }
            if (failed[0] instanceof InputRefusedException) break;
            log.error(
                    "stage {}: record {} failed alone (attempt {} of {})",
                    stageName,
                    records.get(0).position(),
                    attempts,
                    ATTEMPTS_BEFORE_QUARANTINE,
                    failed[0]);
            if (attempts < ATTEMPTS_BEFORE_QUARANTINE && !pause(firstBackoff)) return false;
        } while (attempts < ATTEMPTS_BEFORE_QUARANTINE);
        InputRefusedException refusal = failed[0] instanceof InputRefusedException refused
                ? refused
                : new InputRefusedException("invariant", String.valueOf(failed[0]), failed[0]);
        StreamRecord poison = records.get(0);
        T input = decoded.get(0);
        log.warn(
                "stage {}: record {} refused by {}; quarantining it",
                stageName,
                poison.position(),
                refusal.dependency());
        return untilDone(
                () -> {
                    hold(poison, refusal.quarantineReason(), refusal.getMessage());
                    stage.onQuarantined(input, refusal.quarantineReason());
                },
                poison,
                keepTrying);
    }

    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A record its decoder refused, and why. */
    private record UndecodableRecord(StreamRecord record, String reason) {}

    private void hold(StreamRecord record, String reason, String detail) {
        quarantine.hold(
                record.shardId() + "|" + record.position(), record.partitionKey(), reason, detail, record.data());
    }

    /**
     * Runs {@code work} until it returns, backing off after each failure; false if {@code keepTrying} turned false
     * first. Errors too: thrown out of the consumer, KCL would log one and move on to the next batch, whose checkpoint
     * would then cover this one. A class that fails to link or a broken assertion stalls the shard here, loudly, and
     * loses nothing.
     */
    private boolean untilDone(Runnable work, StreamRecord quarantining, BooleanSupplier keepTrying) {
        Duration backoff = firstBackoff;
        for (int attempt = 1; keepTrying.getAsBoolean(); attempt++) {
            metrics.attemptStarted();
            try {
                work.run();
                return true;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                metrics.attemptFailed(e);
                if (quarantining == null)
                    log.error(
                            "stage {} failed on a batch (attempt {}); not checkpointing, retrying in {} ms",
                            stageName,
                            attempt,
                            backoff.toMillis(),
                            e);
                else
                    log.error(
                            "stage {} could not quarantine record {} (attempt {}); not checkpointing, retrying in {} ms",
                            stageName,
                            quarantining.position(),
                            attempt,
                            backoff.toMillis(),
                            e);
            }
            if (!pause(backoff)) return false;
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
        return false;
    }
}
