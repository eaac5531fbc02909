package io.tradewind.platform.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tradewind.platform.refusal.StoreRefusals;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Retry with exponential backoff inside a circuit breaker, around every call to one dependency. A call that still
 * fails, or is refused by the open breaker, surfaces as {@link DependencyUnavailableException}. Errors that retrying
 * cannot fix (bad arguments, broken invariants, undecodable input, a null our own code did not expect) pass through untouched on the first attempt, and a
 * dependency's refusal of the input itself ({@link StoreRefusals}) surfaces at once as {@link InputRefusedException}: it
 * says nothing about the dependency's health, so the breaker does not count it.
 */
public final class DependencyGuard {
    private final String dependency;
    private final Retry retry;
    private final CircuitBreaker breaker;

    private DependencyGuard(String dependency, Retry retry, CircuitBreaker breaker) {
        this.dependency = dependency;
        this.retry = retry;
        this.breaker = breaker;
    }

    /** Defaults: 4 attempts from 100 ms doubling; the breaker opens at 50% failures of 20 calls, for 5 s. */
    public static DependencyGuard forDependency(String dependency) {
        return forDependency(dependency, 4, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public static DependencyGuard forDependency(
            String dependency, int maxAttempts, Duration firstBackoff, Duration openStateWait) {
        Retry retry = Retry.of(
                dependency,
                RetryConfig.custom()
                        .maxAttempts(maxAttempts)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(firstBackoff, 2.0, 0.3))
                        .retryOnException(DependencyGuard::isTransient)
                        .build());
        CircuitBreaker breaker = CircuitBreaker.of(
                dependency,
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openStateWait)
                        .recordException(DependencyGuard::isTransient)
                        .build());
        return new DependencyGuard(dependency, retry, breaker);
    }

    private static boolean isTransient(Throwable error) {
        return !(error instanceof IllegalArgumentException
                || error instanceof IllegalStateException
                || error instanceof UndecodableRecordException
                || error instanceof CallNotPermittedException
                || error instanceof InputRefusedException
                || isProgrammingError(error)
                || StoreRefusals.refusalOf(error).isPresent());
    }

    /**
     * Errors of our own code, which a dependency cannot cause and retrying cannot fix: they pass through as they are,
     * so the stage runner can tell the input that trips them from a dependency being down.
     */
    private static boolean isProgrammingError(Throwable error) {
        return error instanceof NullPointerException
                || error instanceof ClassCastException
                || error instanceof IndexOutOfBoundsException
                || error instanceof ArithmeticException
                || error instanceof UnsupportedOperationException;
    }

    public String dependency() {
        return dependency;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** Runs {@code call} under retry and the breaker. */
    public <T> T call(Supplier<T> call) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new DependencyUnavailableException(dependency, "circuit breaker open", e);
        } catch (InputRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            Optional<String> refusal = StoreRefusals.refusalOf(e);
            if (refusal.isPresent()) throw new InputRefusedException(dependency, refusal.get(), e);
            if (e instanceof DependencyUnavailableException unavailable) throw unavailable;
            if (!isTransient(e)) throw e;
            throw new DependencyUnavailableException(dependency, e.getMessage(), e);
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}
