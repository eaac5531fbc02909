package io.tradewind.tradematching.stage.ingestion;

import io.tradewind.platform.app.IngestionPorts;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.RejectedInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the cancels ingestion holds for a trade that is not booked: once a hold is older than the grace period its
 * CANCEL is answered REJECTED {@code UNKNOWN_TRADE}, for good (recorded as a rejected input, so a replay gets the same
 * answer, even after the trade is booked). A trade booked after all releases its cancel to matching instead. Runs
 * beside ingestion behind the processing control, polling; the book's row locks keep a sweep and a booking from both
 * deciding one hold.
 */
public final class HeldCancelSweep implements GatedComponent {
    private static final Logger log = LoggerFactory.getLogger(HeldCancelSweep.class);

    /**
     * @param grace how long a CANCEL waits for its trade before it is answered UNKNOWN_TRADE (default 30 s): longer than
     *     a NEW that a CANCEL overtook can take to follow it (a gateway consumer's retry, a batch in hand)
     * @param pollInterval how often the holds are swept (default 1 s)
     * @param batchSize most holds decided in one transaction
     */
    public record Settings(String name, Duration grace, Duration pollInterval, int batchSize) {
        public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
        public static final int DEFAULT_BATCH_SIZE = 500;

        public Settings {
            if (grace == null || grace.isNegative()) throw new IllegalArgumentException("grace is negative: " + grace);
            if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero())
                throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
            if (batchSize < 1) throw new IllegalArgumentException("batchSize " + batchSize + " is below 1");
        }
    }

    private final Settings settings;
    private final TradeIntake book;
    private final IngestionPorts<TradeCommand> ports;
    private final Clock clock;
    private ScheduledExecutorService poller;

    public HeldCancelSweep(Settings settings, TradeIntake book, IngestionPorts<TradeCommand> ports, Clock clock) {
        this.settings = settings;
        this.book = book;
        this.ports = ports;
        this.clock = clock;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public synchronized void start() {
        if (poller != null) return;
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, settings.name());
            thread.setDaemon(true);
            return thread;
        });
        long intervalMillis = settings.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::sweepLogged, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller == null) return;
        poller.shutdown();
        try {
            // A sweep in hand finishes: what it recorded it also publishes.
            if (!poller.awaitTermination(30, TimeUnit.SECONDS)) poller.shutdownNow();
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn(
                    "{}: sweeping held cancels failed; trying again in {}",
                    settings.name(),
                    settings.pollInterval(),
                    e);
        }
    }

    /**
     * Decides every hold older than the grace period, a transaction of at most a batch at a time, and publishes what
     * each transaction decided before the next: released cancels to matching, rejections to their senders.
     *
     * @return how many holds were decided (rejections a failed sweep left unpublished included)
     */
    public int sweep() {
        Instant heldBefore = clock.instant().minus(settings.grace());
        int decided = 0;
        while (true) {
            TradeIntake.Sweep sweep = book.sweepHeldCancels(
                    heldBefore, settings.batchSize(), cancel -> IngestionStage.unknownTrade(cancel, clock.instant()));
            ports.toMatching()
                    .publishAll(sweep.released().stream()
                            .map(released -> IngestionStage.cancelCommand(released.cancel(), released.partitionKey()))
                            .toList());
            ports.toOutbound()
                    .publishAll(sweep.rejected().stream()
                            .map(IngestionStage::report)
                            .toList());
            book.forgetHolds(
                    sweep.rejected().stream().map(RejectedInput::inputKey).toList());
            ports.metrics().rejected(sweep.rejected().size());
            int count = sweep.rejected().size() + sweep.released().size();
            decided += count;
            if (count > 0)
                log.info(
                        "{}: {} held cancels answered UNKNOWN_TRADE, {} released to matching",
                        settings.name(),
                        sweep.rejected().size(),
                        sweep.released().size());
            if (count < settings.batchSize()) return decided;
        }
    }
}
