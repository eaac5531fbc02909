package io.tradewind.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** How long a stage has been attempting its batch, and why its attempts failed, as the meters tell it. */
class StageMetricsTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final StageMetrics metrics = new StageMetrics(registry, "app-matching");

    private double ageGauge() {
        return registry.get(StageMetrics.ATTEMPT_AGE)
                .tag("stage", "app-matching")
                .gauge()
                .value();
    }

    @Test
    void attemptAgeIsZeroWhileIdleAndCountsFromTheFirstAttemptAcrossRetries() {
        assertThat(ageGauge()).isZero();

        metrics.attemptStarted();
        clock.add(Duration.ofSeconds(3));
        metrics.attemptFailed(new DependencyUnavailableException("postgres", "statement timeout", null));
        metrics.attemptStarted(); // the retry
        clock.add(Duration.ofSeconds(4));

        assertThat(ageGauge()).isEqualTo(7.0);
        assertThat(metrics.attemptAge()).isEqualTo(Duration.ofSeconds(7));

        metrics.attemptFinished();
        assertThat(ageGauge()).isZero();
    }

    @Test
    void countsFailedAttemptsByTheDependencyTheFailureNames() {
        metrics.attemptStarted();
        metrics.attemptFailed(new IllegalStateException(
                "wrapped", new DependencyUnavailableException("dynamodb", "throttled", null)));
        metrics.attemptFailed(new JMSException("commit timed out"));
        metrics.attemptFailed(new NullPointerException());
        metrics.attemptFailed("mq");

        assertThat(registry.get(StageMetrics.ATTEMPTS_FAILED)
                        .tags("stage", "app-matching", "dependency", "dynamodb")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(metrics.failedAttempts("mq")).isEqualTo(2);
        assertThat(metrics.failedAttempts(StageMetrics.UNCLASSIFIED)).isEqualTo(1);
    }

    @Test
    void aFailureOutsideAnAttemptStartsTheAgeToo() {
        metrics.attemptFailed("mq"); // a broker connection that could not be opened
        clock.add(Duration.ofSeconds(12));
        metrics.attemptFailed("mq");

        assertThat(metrics.attemptAge()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void reportsTheOldestBatchAmongTheThreadsThatHoldOne() throws Exception {
        metrics.attemptStarted();
        clock.add(Duration.ofSeconds(20));
        CountDownLatch started = new CountDownLatch(1);
        Thread otherShard = new Thread(() -> {
            metrics.attemptStarted();
            started.countDown();
        });
        otherShard.start();
        started.await();
        otherShard.join();
        clock.add(Duration.ofSeconds(1));

        assertThat(metrics.attemptAge()).isEqualTo(Duration.ofSeconds(21));
        metrics.attemptFinished();
        assertThat(metrics.attemptAge()).as("the other shard's batch").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void showsABatchHeldByAnOpenCircuitBreakerUntilAnAttemptGetsPastIt() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("postgres");
        breaker.transitionToOpenState();
        metrics.attemptStarted();
        metrics.attemptFailed(new DependencyUnavailableException(
                "postgres",
                "circuit breaker open",
                CallNotPermittedException.createCallNotPermittedException(breaker)));

        assertThat(registry.get(StageMetrics.BREAKER_OPEN).gauge().value()).isEqualTo(1);

        metrics.attemptFailed(new DependencyUnavailableException("postgres", "connection refused", null));
        assertThat(metrics.heldByOpenBreaker())
                .as("half-open: the call went through, and failed")
                .isFalse();
        metrics.attemptFinished();
        assertThat(registry.get(StageMetrics.BREAKER_OPEN).gauge().value()).isZero();
    }
}
