package io.tradewind.opsconsole.runbook;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** An execution's events as a follower receives them, for tests to wait on (bounded: a hang fails the test). */
final class Events {
    private static final long BOUND_SECONDS = 30;

    private final List<ExecutionEvent> received = new ArrayList<>();

    static Events of(RunbookOperations operations, String executionId) {
        Events events = new Events();
        operations.follow(executionId, events::add);
        return events;
    }

    private synchronized void add(ExecutionEvent event) {
        received.add(event);
        notifyAll();
    }

    synchronized List<ExecutionEvent> received() {
        return List.copyOf(received);
    }

    /** Waits until an event of {@code kind} has arrived; returns it. */
    synchronized ExecutionEvent await(ExecutionEvent.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (true) {
            for (ExecutionEvent event : received) if (event.kind() == kind) return event;
            long left = deadline - System.nanoTime();
            if (left <= 0) return fail("no " + kind + " event within " + BOUND_SECONDS + " s; got " + received);
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits until {@code condition} holds, looking every few milliseconds. */
    static void until(BooleanSupplier condition, String what) {
        Awaitility.await(what)
                .atMost(Duration.ofSeconds(BOUND_SECONDS))
                .pollInterval(Duration.ofMillis(2))
                .until(condition::getAsBoolean);
    }
}
