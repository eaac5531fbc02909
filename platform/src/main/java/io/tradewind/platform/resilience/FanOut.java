package io.tradewind.platform.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent calls of one batch concurrently (conditional puts, batch writes) and returns their results in
 * order, or throws the first failure once every call has finished, so no call of a failed batch is still running when
 * the batch is retried.
 */
public final class FanOut implements AutoCloseable {
    /** How long {@link #close()} waits for calls in flight, which it interrupts, to end. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final ExecutorService executor;

    public FanOut(String name, int parallelism) {
        this.name = name;
        this.executor = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public <I, O> List<O> map(List<I> inputs, Function<I, O> call) {
        // A call may answer null (it was run for its effect), which List.of refuses.
        if (inputs.size() == 1) return Collections.singletonList(call.apply(inputs.get(0)));
        List<Future<O>> futures = new ArrayList<>(inputs.size());
        for (I input : inputs) futures.add(executor.submit(() -> call.apply(input)));
        List<O> results = new ArrayList<>(inputs.size());
        RuntimeException failure = null;
        for (Future<O> future : futures) {
            try {
                // No timeout here: each call is bounded by its client's own (the SDK's call timeouts), and waiting for
                // every one keeps a failed batch's calls from still running when the batch is retried.
                results.add(future.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new CompletionException(e.getCause());
                if (failure == null) failure = cause;
                else failure.addSuppressed(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DependencyUnavailableException("fan-out", "interrupted", e);
            }
        }
        if (failure != null) throw failure;
        return results;
    }

    @Override
    public void close() {
        BoundedStop.shutdownNow(executor, CLOSE_TIMEOUT, name);
    }
}
