package io.tradewind.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stage's meters, tagged {@code stage=<name>}: {@code tradewind.stage.records.in}, {@code .records.out},
 * {@code .records.rejected}, the {@code tradewind.stage.processing} timer (per batch, with percentiles), and the
 * {@code tradewind.stage.lag.millis} gauge (milliseconds behind the stream's tip, -1 before the first batch).
 */
public final class StageMetrics {
    private final Counter in;
    private final Counter out;
    private final Counter rejected;
    private final Timer processing;
    private final AtomicLong lagMillis = new AtomicLong(-1);

    public StageMetrics(MeterRegistry registry, String stage) {
        in = Counter.builder("tradewind.stage.records.in")
                .description("records the stage received")
                .tag("stage", stage)
                .register(registry);
        out = Counter.builder("tradewind.stage.records.out")
                .description("records the stage published or sent")
                .tag("stage", stage)
                .register(registry);
        rejected = Counter.builder("tradewind.stage.records.rejected")
                .description("inputs answered REJECTED (invalid or undecodable)")
                .tag("stage", stage)
                .register(registry);
        processing = Timer.builder("tradewind.stage.processing")
                .description("time to process one batch, until its effects are durable and its outputs published")
                .tag("stage", stage)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("tradewind.stage.lag.millis", lagMillis, AtomicLong::get)
                .description("milliseconds behind the tip of the stream the stage consumes")
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
