package io.tradewind.platform.idempotency;

import io.tradewind.platform.regiongate.GatedComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back into a region's sent-log what the send ledger says was sent beyond it, before that region's stages start:
 * after a failover the new writer's database lacks the tail the lost region wrote, and without it the outbound
 * gateway would send those messages again when their inputs are replayed. After a planned switchover nothing is
 * missing and it finds nothing.
 *
 * <p>It reads the ledger from a margin before the newest send this log holds (sends recorded out of order by
 * concurrent senders, or retried, may be older than it) up to now, and never further back than its lookback.
 * It runs first behind the processing control; a failure stops the gate from opening, rather than risk repeats.
 */
public final class SentLogRecovery implements GatedComponent {
    private static final Logger log = LoggerFactory.getLogger(SentLogRecovery.class);

    /**
     * @param margin how far before this log's newest send the ledger is read
     * @param lookback how far back the ledger is read at most: a replica further behind than this would not have passed
     *     the runbook's pre-flight
     */
    public record Settings(String name, Duration margin, Duration lookback) {
        public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(10);
        public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);

        public Settings {
            if (margin == null || margin.isNegative())
                throw new IllegalArgumentException("margin must not be negative: " + margin);
            if (lookback == null || lookback.compareTo(margin) <= 0)
                throw new IllegalArgumentException("lookback must be longer than the margin: " + lookback);
        }

        public static Settings defaults(String name) {
            return new Settings(name, DEFAULT_MARGIN, DEFAULT_LOOKBACK);
        }
    }

    /** What one recovery found. */
    public record Recovered(Instant since, Instant until, int inLedger, int missing) {}

    private final Settings settings;
    private final RecoverableSentLog sentLog;
    private final SendLedger ledger;
    private final Clock clock;
    private volatile boolean running;
    private volatile Recovered last;

    public SentLogRecovery(Settings settings, RecoverableSentLog sentLog, SendLedger ledger, Clock clock) {
        this.settings = settings;
        this.sentLog = sentLog;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public String name() {
        return settings.name();
    }

    /** Recovers the sent-log's missing tail; throws (leaving the gate closed) if either store cannot be read. */
    @Override
    public synchronized void start() {
        if (running) return;
        last = recover();
        running = true;
    }

    /** Reads the ledger beyond this log's newest send and records what this log lacks. */
    public Recovered recover() {
        Instant until = clock.instant();
        Instant oldest = until.minus(settings.lookback());
        Instant since = sentLog.newestSentAt()
                .map(newest -> newest.minus(settings.margin()))
                .filter(oldest::isBefore)
                .orElse(oldest);
        long startNanos = System.nanoTime();
        Set<String> sent = ledger.sentBetween(since, until);
        int missing = sentLog.recordMissing(sent);
        Recovered recovered = new Recovered(since, until, sent.size(), missing);
        log.info(
                "{}: the send ledger holds {} ids sent since {}; {} were missing from the sent-log and are recorded"
                        + " now ({} ms)",
                settings.name(),
                sent.size(),
                since,
                missing,
                (System.nanoTime() - startNanos) / 1_000_000);
        return recovered;
    }

    /** What the last start recovered, or null before the first. */
    public Recovered lastRecovered() {
        return last;
    }

    /** How many sends the last start put back, 0 before the first. */
    public int lastMissing() {
        Recovered recovered = last;
        return recovered == null ? 0 : recovered.missing();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
