package io.tradewind.tradegenerator.domain;

import io.tradewind.platform.resilience.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when something sleeps on it or a test advances it; records every sleep. */
public final class FakeTime implements LongSupplier, Sleeper {
    private volatile long nanos = 1_000_000_000L;
    public final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long getAsLong() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }

    public synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }
}
