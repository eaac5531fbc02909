package io.tradewind.platform.resilience;

import java.time.Duration;

/** Pauses between retries; production sleeps the thread, unit tests record the pauses instead. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
