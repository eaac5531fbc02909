package io.tradewind.platform.stream;

import io.tradewind.platform.metrics.StageMetrics;
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
 * nothing is checkpointed, nothing is dropped. It gives up only when the consumer no longer owns the shard or is shutting down.
 */
public final class StageRunner<T> {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);

    private final String stageName;
    private final RecordDecoder<T> decoder;
    private final Stage<T> stage;
    private final Sleeper sleeper;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final StageMetrics metrics;

    public StageRunner(String stageName, RecordDecoder<T> decoder, Stage<T> stage, StageMetrics metrics) {
        this(stageName, decoder, stage, metrics, Sleeper.THREAD, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    public StageRunner(
            String stageName,
            RecordDecoder<T> decoder,
            Stage<T> stage,
            StageMetrics metrics,
            Sleeper sleeper,
            Duration firstBackoff,
            Duration maxBackoff) {
        this.stageName = stageName;
        this.decoder = decoder;
        this.stage = stage;
        this.metrics = metrics;
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
        List<T> decoded = new ArrayList<>(batch.size());
        List<UndecodableRecord> undecodable = new ArrayList<>();
        for (StreamRecord record : batch) {
            try {
                decoded.add(decoder.decode(record));
            } catch (UndecodableRecordException e) {
                undecodable.add(new UndecodableRecord(record, e.getMessage()));
            }
        }
        metrics.received(batch.size());
        Duration backoff = firstBackoff;
        for (int attempt = 1; keepTrying.getAsBoolean(); attempt++) {
            long startNanos = System.nanoTime();
            metrics.attemptStarted();
            try {
                if (!undecodable.isEmpty()) stage.onUndecodable(undecodable);
                if (!decoded.isEmpty()) stage.process(decoded);
                metrics.processed(Duration.ofNanos(System.nanoTime() - startNanos));
                metrics.rejected(undecodable.size());
                metrics.attemptFinished();
                return true;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                // Errors too: thrown out of the consumer, KCL would log one and move on to the next batch, whose
                // checkpoint would then cover this one. A class that fails to link or a broken assertion stalls the
                // shard here, loudly, and loses nothing.
                metrics.attemptFailed(e);
                log.error(
                        "stage {} failed on a batch of {} (attempt {}); not checkpointing, retrying in {} ms",
                        stageName,
                        batch.size(),
                        attempt,
                        backoff.toMillis(),
                        e);
            }
            try {
                sleeper.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                metrics.attemptFinished();
                return false;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
        metrics.attemptFinished();
        return false;
    }
}
