package io.tradewind.platform.metrics;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage's meters, tagged {@code stage=<name>}: {@code tradewind.stage.records.in}, {@code .records.out},
 * {@code .records.rejected}, the {@code tradewind.stage.processing} timer (per batch, with percentiles), the
 * {@code tradewind.stage.lag.millis} gauge (milliseconds behind the stream's tip, -1 before the first batch), and what
 * shows a stage held by a dependency: {@code tradewind.stage.attempt.age.seconds} (how long the oldest batch in hand
 * has been attempted, 0 when idle), {@code tradewind.stage.attempts.failed} (tagged {@code dependency}) and
 * {@code tradewind.stage.breaker.open} (1 while a batch's last attempt was refused by an open circuit breaker).
 */
public final class StageMetrics {
    public static final String RECORDS_IN = "tradewind.stage.records.in";
    public static final String RECORDS_OUT = "tradewind.stage.records.out";
    public static final String RECORDS_REJECTED = "tradewind.stage.records.rejected";
    public static final String PROCESSING = "tradewind.stage.processing";
    public static final String LAG = "tradewind.stage.lag.millis";
    public static final String ATTEMPT_AGE = "tradewind.stage.attempt.age.seconds";
    public static final String ATTEMPTS_FAILED = "tradewind.stage.attempts.failed";
    public static final String BREAKER_OPEN = "tradewind.stage.breaker.open";

    /** The tag every stage meter carries: the stage's component, e.g. {@code trade-matching-matching}. */
    public static final String STAGE_TAG = "stage";

    /** The dependency tag of a failure that names none (a bug, a broken invariant). */
    public static final String UNCLASSIFIED = "unclassified";

    private final MeterRegistry registry;
    private final Clock clock;
    private final String stage;
    private final Counter in;
    private final Counter out;
    private final Counter rejected;
    private final Timer processing;
    private final AtomicLong lagMillis = new AtomicLong(-1);
    private final Map<String, Counter> failedAttempts = new ConcurrentHashMap<>();
    /**
     * The batch each thread holds (a KCL shard's processor, a gateway's consumer): a stage runs several at once, and
     * the oldest is what the age reports.
     */
    private final Map<Thread, Attempts> inHand = new ConcurrentHashMap<>();

    private record Attempts(long sinceNanos, boolean refusedByOpenBreaker) {}

    public StageMetrics(MeterRegistry registry, String stage) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.stage = stage;
        in = Counter.builder(RECORDS_IN)
                .description("records the stage received")
                .tag("stage", stage)
                .register(registry);
        out = Counter.builder(RECORDS_OUT)
                .description("records the stage published or sent")
                .tag("stage", stage)
                .register(registry);
        rejected = Counter.builder(RECORDS_REJECTED)
                .description("inputs answered REJECTED (invalid or undecodable)")
                .tag("stage", stage)
                .register(registry);
        processing = Timer.builder(PROCESSING)
                .description("time to process one batch, until its effects are durable and its outputs published")
                .tag("stage", stage)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder(LAG, lagMillis, AtomicLong::get)
                .description("milliseconds behind the tip of the stream the stage consumes")
                .tag("stage", stage)
                .register(registry);
        Gauge.builder(ATTEMPT_AGE, this, metrics -> metrics.attemptAge().toNanos() / 1e9)
                .description("seconds since the first attempt at the oldest batch the stage holds; 0 when idle")
                .tag("stage", stage)
                .register(registry);
        Gauge.builder(BREAKER_OPEN, this, metrics -> metrics.heldByOpenBreaker() ? 1 : 0)
                .description(
                        "1 while the last attempt at a batch the stage holds was refused by an open circuit breaker")
                .tag("stage", stage)
                .register(registry);
    }

    /** Meters nobody reads: for stages built in unit tests. */
    public static StageMetrics unregistered(String stage) {
        return new StageMetrics(new SimpleMeterRegistry(), stage);
    }

    public void received(int records) {
        in.increment(records);
    }

    public void published(int records) {
        out.increment(records);
    }

    public void rejected(int records) {
        rejected.increment(records);
    }

    public void processed(Duration batchTime) {
        processing.record(batchTime);
    }

    public void lag(long millisBehindLatest) {
        lagMillis.set(millisBehindLatest);
    }

    /**
     * The calling thread begins an attempt at the batch it holds. The age counts from its first attempt at that batch:
     * retries after a failure do not reset it, so a dependency that fails fast still shows as a batch not getting
     * through.
     */
    public void attemptStarted() {
        inHand.putIfAbsent(Thread.currentThread(), new Attempts(clock.monotonicTime(), false));
    }

    /**
     * The calling thread's attempt failed; its batch stays in hand. Counted under the dependency the failure names
     * ({@link DependencyUnavailableException}, or {@code mq} for a JMS failure), else {@value #UNCLASSIFIED}. A failure
     * before any attempt (a broker connection that could not be opened) starts the age too.
     */
    public void attemptFailed(Throwable failure) {
        attemptFailed(dependencyOf(failure), refusedByOpenBreaker(failure));
    }

    /** As {@link #attemptFailed(Throwable)}, for a failure of a known dependency. */
    public void attemptFailed(String dependency) {
        attemptFailed(dependency, false);
    }

    private void attemptFailed(String dependency, boolean refusedByOpenBreaker) {
        failedAttempts
                .computeIfAbsent(dependency, name -> Counter.builder(ATTEMPTS_FAILED)
                        .description("attempts at a batch that failed, by the dependency that failed them")
                        .tag("stage", stage)
                        .tag("dependency", name)
                        .register(registry))
                .increment();
        inHand.merge(
                Thread.currentThread(),
                new Attempts(clock.monotonicTime(), refusedByOpenBreaker),
                (held, failed) -> new Attempts(held.sinceNanos(), refusedByOpenBreaker));
    }

    /** The calling thread's batch is done, or given up (the stage is stopping): it holds nothing now. */
    public void attemptFinished() {
        inHand.remove(Thread.currentThread());
    }

    /** How long the oldest batch in hand has been attempted; zero when the stage holds none. */
    public Duration attemptAge() {
        long now = clock.monotonicTime();
        long oldest = now;
        for (Attempts attempts : inHand.values()) oldest = Math.min(oldest, attempts.sinceNanos());
        return Duration.ofNanos(now - oldest);
    }

    /** True while the last attempt at a batch in hand was refused by an open circuit breaker. */
    public boolean heldByOpenBreaker() {
        for (Attempts attempts : inHand.values()) if (attempts.refusedByOpenBreaker()) return true;
        return false;
    }

    /** Failed attempts so far that {@code dependency} failed. */
    public double failedAttempts(String dependency) {
        Counter counter = failedAttempts.get(dependency);
        return counter == null ? 0 : counter.count();
    }

    /** The dependency a failure names: the first {@link DependencyUnavailableException} in its causes, or the broker. */
    static String dependencyOf(Throwable failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof DependencyUnavailableException unavailable) return unavailable.dependency();
            if (cause instanceof JMSException) return "mq";
        }
        return UNCLASSIFIED;
    }

    private static boolean refusedByOpenBreaker(Throwable failure) {
        return causes(failure).stream().anyMatch(CallNotPermittedException.class::isInstance);
    }

    /** A failure and its causes, outermost first; a cause chain that loops is cut. */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && causes.size() < 16; cause = cause.getCause()) {
            if (causes.contains(cause)) break;
            causes.add(cause);
        }
        return causes;
    }

    public double receivedCount() {
        return in.count();
    }

    public double publishedCount() {
        return out.count();
    }

    public double rejectedCount() {
        return rejected.count();
    }

    public long lagMillis() {
        return lagMillis.get();
    }
}
