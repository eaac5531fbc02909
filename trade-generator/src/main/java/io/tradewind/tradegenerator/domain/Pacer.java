package io.tradewind.tradegenerator.domain;

import io.tradewind.platform.resilience.Sleeper;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spreads messages evenly over time: message {@code i} is due at {@code start + i / rate}, and {@link #awaitNext()}
 * parks the caller until the next one is due, never spinning. The schedule is absolute, so small delays (a slow send,
 * a GC pause) are made up by sending the overdue messages at once and the long-run rate stays exact.
 *
 * <p>Catch-up rule: at most {@code maxCatchUp} (default 1 s) of overdue messages are sent without waiting. After a
 * longer stall (a broker outage) the schedule moves forward so the next message is {@code maxCatchUp} overdue: at most
 * {@code rate × maxCatchUp} + 1 messages go out back to back, then the pace is even again; the rest of the backlog is
 * never sent faster than the rate. A {@link #pause()} (the generator switched off) shifts the schedule by the time
 * paused: after {@link #resume()} the pace continues where it left off, with neither a burst nor a gap.
 */
public final class Pacer {
    public static final Duration DEFAULT_MAX_CATCH_UP = Duration.ofSeconds(1);

    /** Parks the thread for the duration at nanosecond resolution (Thread.sleep would round short waits to 0 ms). */
    public static final Sleeper PARKING = duration -> {
        LockSupport.parkNanos(duration.toNanos());
        if (Thread.interrupted()) throw new InterruptedException("interrupted while pacing");
    };

    private final double messagesPerSecond;
    private final double intervalNanos;
    private final long maxCatchUpNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    private boolean started;
    private long startNanos;
    private long sent;
    private boolean paused;
    private long pausedAtNanos;

    /**
     * @param messagesPerSecond the pace, above 0 (fractions allowed: 0.5 is one message every 2 s)
     * @param maxCatchUp how much overdue work may go out without waiting after a stall; zero forgives every delay
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     * @param sleeper waits the given time; {@link #PARKING} outside tests
     */
    public Pacer(double messagesPerSecond, Duration maxCatchUp, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond) || messagesPerSecond > 1e9) {
            throw new IllegalArgumentException(
                    "messagesPerSecond must be above 0 and at most 1e9, was " + messagesPerSecond);
        }
        if (maxCatchUp == null || maxCatchUp.isNegative()) {
            throw new IllegalArgumentException("maxCatchUp must not be negative: " + maxCatchUp);
        }
        if (nanoClock == null) throw new IllegalArgumentException("nanoClock is null");
        if (sleeper == null) throw new IllegalArgumentException("sleeper is null");
        this.messagesPerSecond = messagesPerSecond;
        this.intervalNanos = 1e9 / messagesPerSecond;
        this.maxCatchUpNanos = maxCatchUp.toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** A pacer on the system's monotonic clock that parks, with the default catch-up of 1 s. */
    public static Pacer atRate(double messagesPerSecond) {
        return new Pacer(messagesPerSecond, DEFAULT_MAX_CATCH_UP, System::nanoTime, PARKING);
    }

    public double messagesPerSecond() {
        return messagesPerSecond;
    }

    /** Messages released so far. */
    public long released() {
        return sent;
    }

    /**
     * Waits until the next message is due and counts it as sent. The first call starts the schedule and returns at
     * once.
     *
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public void awaitNext() throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            startNanos = now;
        }
        if (paused) resumeAt(now);
        long due = dueNanos(sent);
        if (now - due > maxCatchUpNanos) {
            // A stall beyond the catch-up bound: forgive the rest, so the backlog cannot become a burst.
            long shift = (now - maxCatchUpNanos) - due;
            startNanos += shift;
            due += shift;
        }
        while (now < due) {
            sleeper.sleep(Duration.ofNanos(due - now));
            now = nanoClock.getAsLong();
        }
        sent++;
    }

    /**
     * When the next message is due on the clock of this pacer (now, if the schedule has not started). It may lie in
     * the past while the pacer catches up.
     */
    public long nextDueNanos() {
        if (!started) return nanoClock.getAsLong();
        if (paused) return nanoClock.getAsLong() + Math.max(0, dueNanos(sent) - pausedAtNanos);
        return dueNanos(sent);
    }

    /** Stops the clock of the schedule: the time until {@link #resume()} does not count as overdue. */
    public void pause() {
        if (started && !paused) {
            paused = true;
            pausedAtNanos = nanoClock.getAsLong();
        }
    }

    /** Restarts the schedule where {@link #pause()} left it; {@link #awaitNext()} resumes by itself too. */
    public void resume() {
        if (paused) resumeAt(nanoClock.getAsLong());
    }

    private void resumeAt(long now) {
        startNanos += now - pausedAtNanos;
        paused = false;
    }

    private long dueNanos(long index) {
        return startNanos + (long) (index * intervalNanos);
    }
}
