package io.tradewind.platform.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for threads and executors to stop, for a bounded time: a thread held by a dependency that hangs is named in
 * the log and left behind, and whoever is stopping goes on, instead of hanging a rotation or a shutdown with it.
 */
public final class BoundedStop {
    private static final Logger log = LoggerFactory.getLogger(BoundedStop.class);

    private BoundedStop() {}

    /**
     * Waits up to {@code timeout} in all for {@code threads} to end, and an interrupt does not cut the wait short (it is
     * kept for the caller).
     *
     * @param what who is stopping, for the log
     * @return the threads still running at the deadline, each named in a warning
     */
    public static List<Thread> join(Collection<Thread> threads, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            long left;
            while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        List<Thread> running = new ArrayList<>();
        for (Thread thread : threads) if (thread.isAlive()) running.add(thread);
        for (Thread thread : running)
            log.warn("{}: thread '{}' did not stop within {}; going on without it", what, thread.getName(), timeout);
        return running;
    }

    /**
     * Interrupts {@code executor}'s tasks and waits up to {@code timeout} for them to end.
     *
     * @return false (and a warning) if a task was still running at the deadline
     */
    public static boolean shutdownNow(ExecutorService executor, Duration timeout, String what) {
        executor.shutdownNow();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("{}: tasks still running {} after they were interrupted; going on without them", what, timeout);
        return false;
    }
}
