package io.tradewind.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A process's stages are healthy while each gets through its batches; one held by a dependency is reported. */
class StageHealthTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final StageMetrics ingestion = new StageMetrics(registry, "app-ingestion");
    private final StageMetrics matching = new StageMetrics(registry, "app-matching");
    private final StageHealth health = new StageHealth(registry, Duration.ofSeconds(10));

    @Test
    void healthyWhileEveryStageIsIdleOrWithinTheLimit() {
        matching.attemptStarted();
        clock.add(Duration.ofSeconds(10));

        StageHealth.Report report = health.check();

        assertThat(report.healthy()).isTrue();
        assertThat(stage(report, "app-matching"))
                .containsEntry("attemptSeconds", 10.0)
                .doesNotContainKey("held");
        assertThat(stage(report, "app-ingestion")).containsEntry("attemptSeconds", 0.0);
    }

    @Test
    void aStageAttemptingOneBatchLongerThanTheLimitIsHeldAndNamesWhatFailedIt() {
        matching.attemptStarted();
        clock.add(Duration.ofSeconds(6));
        matching.attemptFailed(new DependencyUnavailableException("postgres", "lock timeout", null));
        matching.attemptStarted();
        clock.add(Duration.ofSeconds(5));

        StageHealth.Report report = health.check();

        assertThat(report.healthy()).isFalse();
        assertThat(stage(report, "app-matching"))
                .containsEntry("attemptSeconds", 11.0)
                .containsEntry("failedAttempts", Map.of("postgres", 1L))
                .containsEntry("held", true);
        assertThat(stage(report, "app-ingestion")).doesNotContainKey("held");

        matching.attemptFinished();
        assertThat(health.check().healthy()).as("the batch got through").isTrue();
    }

    @Test
    void aStageRefusedByAnOpenCircuitBreakerIsHeldAtOnce() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("dynamodb");
        breaker.transitionToOpenState();
        ingestion.attemptStarted();
        ingestion.attemptFailed(new DependencyUnavailableException(
                "dynamodb",
                "circuit breaker open",
                CallNotPermittedException.createCallNotPermittedException(breaker)));

        StageHealth.Report report = health.check();

        assertThat(report.healthy()).isFalse();
        assertThat(stage(report, "app-ingestion"))
                .containsEntry("circuitBreakerOpen", true)
                .containsEntry("held", true);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stage(StageHealth.Report report, String stage) {
        return ((Map<String, Map<String, Object>>) report.details().get("stages")).get(stage);
    }
}
