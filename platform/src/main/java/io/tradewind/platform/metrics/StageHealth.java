package io.tradewind.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Whether a process's stages are getting through their batches, read from the meters every {@link StageMetrics}
 * registers: a stage is held when it has been attempting one batch for longer than the limit (a dependency that hangs
 * or keeps failing) or its last attempt was refused by an open circuit breaker. Each app's health endpoint reports it,
 * so a hung dependency shows there within seconds instead of silently holding a shard or a gateway.
 */
public final class StageHealth {
    /** The setting an app reads its limit from. */
    public static final String LIMIT_PROPERTY = "tradewind.health.stage-held-after";

    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(10);

    /**
     * @param healthy no stage is held
     * @param details per stage: {@code attemptSeconds}, {@code failedAttempts} by dependency (since the process
     *     started), {@code circuitBreakerOpen} and {@code held} where they apply; and the limit
     */
    public record Report(boolean healthy, Map<String, Object> details) {
        /** Hands the verdict as a health endpoint says it ({@code UP} or {@code DOWN}) and the details to {@code health}. */
        public <T> T to(BiFunction<String, Map<String, Object>, T> health) {
            return health.apply(healthy ? "UP" : "DOWN", details);
        }
    }

    private final MeterRegistry registry;
    private final Duration limit;

    /** @param limit how long a stage may attempt one batch before it counts as held */
    public StageHealth(MeterRegistry registry, Duration limit) {
        if (limit.isNegative() || limit.isZero())
            throw new IllegalArgumentException("limit " + limit + " is not positive");
        this.registry = registry;
        this.limit = limit;
    }

    public Report check() {
        Map<String, Object> stages = new TreeMap<>();
        boolean healthy = true;
        for (Gauge age : registry.find(StageMetrics.ATTEMPT_AGE).gauges()) {
            String stage = age.getId().getTag("stage");
            double seconds = valueOf(age);
            boolean breakerOpen = valueOf(registry.find(StageMetrics.BREAKER_OPEN)
                            .tag("stage", stage)
                            .gauge())
                    > 0;
            boolean held = seconds > limit.toNanos() / 1e9 || breakerOpen;
            Map<String, Object> stageDetails = new LinkedHashMap<>();
            stageDetails.put("attemptSeconds", Math.round(seconds * 10) / 10.0);
            Map<String, Long> failed = new TreeMap<>();
            for (Counter counter : registry.find(StageMetrics.ATTEMPTS_FAILED)
                    .tag("stage", stage)
                    .counters()) failed.put(counter.getId().getTag("dependency"), (long) counter.count());
            if (!failed.isEmpty()) stageDetails.put("failedAttempts", failed);
            if (breakerOpen) stageDetails.put("circuitBreakerOpen", true);
            if (held) stageDetails.put("held", true);
            stages.put(stage, stageDetails);
            healthy &= !held;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limitSeconds", limit.toMillis() / 1000.0);
        details.put("stages", stages);
        return new Report(healthy, details);
    }

    /** A gauge whose stage was let go reads NaN: nothing is held there. */
    private static double valueOf(Gauge gauge) {
        if (gauge == null) return 0;
        double value = gauge.value();
        return Double.isNaN(value) ? 0 : value;
    }
}
