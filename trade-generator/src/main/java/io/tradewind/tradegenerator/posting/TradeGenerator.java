package io.tradewind.tradegenerator.posting;

import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.GeneratedPair;
import io.tradewind.tradegenerator.domain.Pacer;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts generated trade pairs to {@code trades.inbound} at an even rate on its own thread, and records each pair's
 * expected outcome once its messages are committed. It posts while it is started <em>and</em> its gate is open (the
 * sandbox passes the {@code generator} routing control's region gate); otherwise it commits what it holds and idles,
 * keeping its pace so it resumes without a burst. It stops for good after {@code maxPairs} pairs or on {@link
 * #close()}.
 *
 * <p>Each pair's messages go in one transaction, committed when 50 ms have passed since the transaction's first message
 * or it holds 100 messages (both configurable), so commits are cheap and the flow stays smooth. When the broker fails,
 * the generator reconnects with exponential backoff and resends the uncommitted messages: no pair is dropped, and a
 * pair is recorded only after its messages were committed.
 */
public final class TradeGenerator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TradeGenerator.class);
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final TradePairFactory pairs;
    private final TradeSink sink;
    private final List<OutcomeRecorder> recorders;
    private final Pacer pacer;
    private final BooleanSupplier gate;
    private final long maxPairs;
    private final Sleeper backoffSleeper;
    private final LongSupplier nanoClock;
    private final long commitIntervalNanos;
    private final int maxBatchMessages;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final long progressIntervalNanos;
    private final Duration closeTimeout;

    private final AtomicLong pairsPosted = new AtomicLong();
    private final AtomicLong messagesPosted = new AtomicLong();
    private final AtomicLongArray pairsPostedByKind = new AtomicLongArray(PairKind.values().length);
    private final AtomicLong reconnects = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private volatile boolean switchedOn;
    private volatile boolean closing;
    private volatile boolean abandoned;
    private volatile boolean posting;
    private volatile Throwable failure;
    private Thread worker; // guarded by lifecycle

    // Touched by the worker thread only.
    private final List<TradeMessage> uncommittedMessages = new ArrayList<>();
    private final List<ExpectedOutcome> uncommittedPairs = new ArrayList<>();
    private long transactionStartNanos;
    private Duration backoff;
    private boolean pairInHand;
    private long lastProgressNanos;
    private long messagesAtLastProgress;

    private TradeGenerator(Builder builder) {
        this.pairs = builder.pairs;
        this.sink = builder.sink;
        this.recorders = List.copyOf(builder.recorders);
        this.pacer = new Pacer(builder.messagesPerSecond, builder.maxCatchUp, builder.nanoClock, builder.pacingSleeper);
        this.gate = builder.gate;
        this.maxPairs = builder.maxPairs;
        this.backoffSleeper = builder.backoffSleeper;
        this.nanoClock = builder.nanoClock;
        this.commitIntervalNanos = builder.commitInterval.toNanos();
        this.maxBatchMessages = builder.maxBatchMessages;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.backoff = builder.initialBackoff;
        this.progressIntervalNanos = builder.progressInterval.toNanos();
        this.closeTimeout = builder.closeTimeout;
    }

    /**
     * A generator posting the factory's pairs through the sink at {@code messagesPerSecond} trade messages per second
     * (a pair is one or two messages).
     */
    public static Builder builder(TradePairFactory pairs, TradeSink sink, double messagesPerSecond) {
        return new Builder(pairs, sink, messagesPerSecond);
    }

    /** Switches the generator on, starting its thread the first time; it posts whenever its gate is open too. */
    public void start() {
        synchronized (lifecycle) {
            if (closing) throw new IllegalStateException("the trade generator is closed");
            switchedOn = true;
            if (worker == null) {
                worker = new Thread(this::run, "trade-generator");
                worker.start();
            } else {
                LockSupport.unpark(worker);
            }
        }
    }

    /**
     * Switches the generator off: it finishes the pair in hand, commits, records, and idles until started again.
     * Returns at once; {@link #isPosting()} turns false when it idles.
     */
    public void stop() {
        switchedOn = false;
        synchronized (lifecycle) {
            if (worker != null) LockSupport.unpark(worker);
        }
    }

    /**
     * Stops for good: commits and records what was posted, then closes the sink and the recorders. Waits up to the
     * close timeout (10 s by default) for a broker that is down to come back, then interrupts and waits as long again
     * (a thread still running then is named in the log and left); pairs not committed by then are reported in the log
     * and not recorded.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (lifecycle) {
            closing = true;
            switchedOn = false;
            thread = worker;
            if (thread == null) {
                // Never started: nothing to post, but the sink and the recorders are still ours to release.
                if (finished.getCount() > 0) {
                    releaseResources();
                    finished.countDown();
                }
                return;
            }
        }
        LockSupport.unpark(thread);
        try {
            if (!finished.await(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("trade generator did not stop within {}; abandoning what it holds", closeTimeout);
                abandon(thread);
                if (!finished.await(closeTimeout.toMillis(), TimeUnit.MILLISECONDS))
                    log.warn(
                            "trade generator thread still running {} after it was interrupted; leaving it",
                            closeTimeout);
            }
        } catch (InterruptedException e) {
            abandon(thread);
            Thread.currentThread().interrupt();
        }
    }

    private void abandon(Thread thread) {
        // A JMS client may swallow the interrupt, so the reconnect loop also checks this flag.
        abandoned = true;
        thread.interrupt();
    }

    /** True while it is switched on (its own start/stop), whatever its gate says. */
    public boolean isSwitchedOn() {
        return switchedOn;
    }

    /** True while it is posting: switched on, gate open, not finished. */
    public boolean isPosting() {
        return posting;
    }

    /** True once its thread has ended: after {@code maxPairs}, {@link #close()} or a failure. */
    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** Waits until {@link #isFinished()}; false if the timeout passed first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What stopped the generator when it stopped by an error (an outcome recorder failed, say). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Pairs committed to the broker and recorded. */
    public long pairsPosted() {
        return pairsPosted.get();
    }

    /** Pairs of one kind committed to the broker and recorded. */
    public long pairsPosted(PairKind kind) {
        return pairsPostedByKind.get(kind.ordinal());
    }

    /** Trade messages committed to the broker. */
    public long messagesPosted() {
        return messagesPosted.get();
    }

    /** How many times the broker connection failed and was re-established. */
    public long reconnects() {
        return reconnects.get();
    }

    /** The target rate in trade messages per second. */
    public double messagesPerSecond() {
        return pacer.messagesPerSecond();
    }

    private void run() {
        log.info(
                "trade generator run {} posting at {} trades/s{}",
                pairs.settings().runId(),
                pacer.messagesPerSecond(),
                maxPairs == Long.MAX_VALUE ? "" : ", " + maxPairs + " pairs");
        lastProgressNanos = nanoClock.getAsLong();
        try {
            postUntilDone();
        } catch (InterruptedException e) {
            log.warn(
                    "trade generator interrupted: {} pairs ({} messages) were not committed and are not recorded",
                    uncommittedPairs.size() + (pairInHand ? 1 : 0),
                    uncommittedMessages.size());
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("trade generator failed after {} pairs", pairsPosted.get(), e);
        } finally {
            posting = false;
            releaseResources();
            log.info("trade generator stopped: {}", progress());
            finished.countDown();
        }
    }

    private void postUntilDone() throws InterruptedException {
        while (true) {
            if (pairs.pairsGenerated() >= maxPairs || closing) {
                commit();
                return;
            }
            if (!switchedOn || !gate.getAsBoolean()) {
                idle();
                continue;
            }
            if (!posting) {
                posting = true;
                pacer.resume();
                log.info("trade generator posting");
            }
            GeneratedPair pair = pairs.next();
            pairInHand = true;
            boolean full = uncommittedMessages.size() + pair.messages().size() > maxBatchMessages;
            // Commit before waiting when the next message falls outside this transaction's window anyway.
            if (full || pacer.nextDueNanos() - transactionStartNanos >= commitIntervalNanos) commit();
            for (TradeMessage message : pair.messages()) {
                pacer.awaitNext();
                send(message);
            }
            uncommittedPairs.add(pair.expected());
            pairInHand = false;
            if (uncommittedMessages.size() >= maxBatchMessages
                    || nanoClock.getAsLong() - transactionStartNanos >= commitIntervalNanos) {
                commit();
            }
            logProgressEvery(progressIntervalNanos);
        }
    }

    private void idle() throws InterruptedException {
        commit();
        if (posting) {
            posting = false;
            pacer.pause();
            log.info("trade generator paused ({}): {}", switchedOn ? "gate closed" : "stopped", progress());
        }
        LockSupport.parkNanos(this, IDLE_CHECK_NANOS);
        if (Thread.interrupted()) throw new InterruptedException("interrupted while idle");
    }

    private void send(TradeMessage message) throws InterruptedException {
        if (uncommittedMessages.isEmpty()) transactionStartNanos = nanoClock.getAsLong();
        uncommittedMessages.add(message);
        try {
            sink.send(message);
        } catch (DependencyUnavailableException e) {
            reconnect(e);
        }
    }

    private void commit() throws InterruptedException {
        if (uncommittedMessages.isEmpty()) return;
        while (true) {
            try {
                sink.commit();
                break;
            } catch (DependencyUnavailableException e) {
                reconnect(e);
            }
        }
        backoff = initialBackoff;
        List<ExpectedOutcome> committed = List.copyOf(uncommittedPairs);
        int messages = uncommittedMessages.size();
        uncommittedMessages.clear();
        uncommittedPairs.clear();
        for (OutcomeRecorder recorder : recorders) recorder.record(committed);
        for (ExpectedOutcome outcome : committed)
            pairsPostedByKind.incrementAndGet(outcome.kind().ordinal());
        messagesPosted.addAndGet(messages);
        pairsPosted.addAndGet(committed.size());
    }

    /** Waits with exponential backoff until the uncommitted messages could be sent again on a fresh connection. */
    private void reconnect(DependencyUnavailableException cause) throws InterruptedException {
        log.warn(
                "broker unavailable ({}); reconnecting and resending {} uncommitted messages",
                cause.getMessage(),
                uncommittedMessages.size());
        for (int attempt = 1; ; attempt++) {
            sink.close();
            if (abandoned) throw new InterruptedException("abandoned while the broker was unavailable");
            backoffSleeper.sleep(backoff);
            // The backoff keeps growing until a commit succeeds, so a broker that takes sends but fails commits is
            // not hammered either.
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            try {
                for (TradeMessage message : uncommittedMessages) sink.send(message);
                reconnects.incrementAndGet();
                log.info("broker reachable again after {} attempts", attempt);
                return;
            } catch (DependencyUnavailableException e) {
                if (attempt % 10 == 0) {
                    log.warn("broker still unavailable after {} attempts: {}", attempt, e.getMessage());
                }
            }
        }
    }

    private void logProgressEvery(long intervalNanos) {
        long now = nanoClock.getAsLong();
        if (now - lastProgressNanos < intervalNanos) return;
        long messages = messagesPosted.get();
        double seconds = (now - lastProgressNanos) / 1e9;
        log.info(
                "{}; {} trades/s over the last {} s",
                progress(),
                String.format(Locale.ROOT, "%.1f", (messages - messagesAtLastProgress) / seconds),
                String.format(Locale.ROOT, "%.0f", seconds));
        lastProgressNanos = now;
        messagesAtLastProgress = messages;
    }

    private String progress() {
        return String.format(
                Locale.ROOT,
                "%d pairs posted (%d matched, %d mismatched, %d unmatched), %d trade messages",
                pairsPosted.get(),
                pairsPosted(PairKind.MATCHED),
                pairsPosted(PairKind.MISMATCHED),
                pairsPosted(PairKind.UNMATCHED),
                messagesPosted.get());
    }

    private void releaseResources() {
        sink.close();
        for (OutcomeRecorder recorder : recorders) {
            try {
                recorder.close();
            } catch (RuntimeException e) {
                log.error("closing outcome recorder {} failed", recorder, e);
                if (failure == null) failure = e;
            }
        }
    }

    /** Settings of a {@link TradeGenerator}; everything but the factory, the sink and the rate has a default. */
    public static final class Builder {
        private final TradePairFactory pairs;
        private final TradeSink sink;
        private final double messagesPerSecond;
        private final List<OutcomeRecorder> recorders = new ArrayList<>();
        private BooleanSupplier gate = () -> true;
        private long maxPairs = Long.MAX_VALUE;
        private Duration maxCatchUp = Pacer.DEFAULT_MAX_CATCH_UP;
        private LongSupplier nanoClock = System::nanoTime;
        private Sleeper pacingSleeper = Pacer.PARKING;
        private Sleeper backoffSleeper = Sleeper.THREAD;
        private Duration commitInterval = Duration.ofMillis(50);
        private int maxBatchMessages = 100;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration progressInterval = Duration.ofSeconds(5);
        private Duration closeTimeout = Duration.ofSeconds(10);

        private Builder(TradePairFactory pairs, TradeSink sink, double messagesPerSecond) {
            if (pairs == null) throw new IllegalArgumentException("pairs is null");
            if (sink == null) throw new IllegalArgumentException("sink is null");
            this.pairs = pairs;
            this.sink = sink;
            this.messagesPerSecond = messagesPerSecond;
        }

        /** Adds a recorder; every recorder gets every committed pair, in the order added. */
        public Builder recorder(OutcomeRecorder recorder) {
            if (recorder == null) throw new IllegalArgumentException("recorder is null");
            recorders.add(recorder);
            return this;
        }

        /** Posts only while this is true as well, e.g. {@code regionGate::isOpen}; read before every pair. */
        public Builder gate(BooleanSupplier gate) {
            if (gate == null) throw new IllegalArgumentException("gate is null");
            this.gate = gate;
            return this;
        }

        /** Stops after this many pairs (not messages). */
        public Builder maxPairs(long maxPairs) {
            if (maxPairs < 1) throw new IllegalArgumentException("maxPairs must be positive, was " + maxPairs);
            this.maxPairs = maxPairs;
            return this;
        }

        /** See {@link Pacer}: how much overdue work may go out at once after a stall. */
        public Builder maxCatchUp(Duration maxCatchUp) {
            this.maxCatchUp = maxCatchUp;
            return this;
        }

        /** The monotonic clock and the waiting of the pacing and transaction windows, for tests. */
        public Builder timing(LongSupplier nanoClock, Sleeper pacingSleeper) {
            if (nanoClock == null || pacingSleeper == null) throw new IllegalArgumentException("timing is null");
            this.nanoClock = nanoClock;
            this.pacingSleeper = pacingSleeper;
            return this;
        }

        /** Waits between reconnection attempts; {@link Sleeper#THREAD} by default. */
        public Builder backoffSleeper(Sleeper backoffSleeper) {
            if (backoffSleeper == null) throw new IllegalArgumentException("backoffSleeper is null");
            this.backoffSleeper = backoffSleeper;
            return this;
        }

        /** The first and the longest wait between reconnection attempts (100 ms doubling to 5 s by default). */
        public Builder backoff(Duration initial, Duration max) {
            if (initial == null || max == null || initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff must be 0 <= initial <= max: " + initial + ", " + max);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** A transaction is committed once this long after its first message, or when full; 50 ms by default. */
        public Builder commitInterval(Duration commitInterval) {
            if (commitInterval == null || commitInterval.isNegative()) {
                throw new IllegalArgumentException("commitInterval must not be negative: " + commitInterval);
            }
            this.commitInterval = commitInterval;
            return this;
        }

        /** The most messages in one transaction; 100 by default (a pair is never split across two). */
        public Builder maxBatchMessages(int maxBatchMessages) {
            if (maxBatchMessages < 2) {
                throw new IllegalArgumentException("maxBatchMessages must hold a pair, was " + maxBatchMessages);
            }
            this.maxBatchMessages = maxBatchMessages;
            return this;
        }

        /** How often progress is logged; 5 s by default. */
        public Builder progressInterval(Duration progressInterval) {
            if (progressInterval == null || progressInterval.isNegative()) {
                throw new IllegalArgumentException("progressInterval must not be negative: " + progressInterval);
            }
            this.progressInterval = progressInterval;
            return this;
        }

        /** How long {@link TradeGenerator#close()} waits for a broker that is down; 10 s by default. */
        public Builder closeTimeout(Duration closeTimeout) {
            if (closeTimeout == null || closeTimeout.isNegative()) {
                throw new IllegalArgumentException("closeTimeout must not be negative: " + closeTimeout);
            }
            this.closeTimeout = closeTimeout;
            return this;
        }

        public TradeGenerator build() {
            return new TradeGenerator(this);
        }
    }
}
