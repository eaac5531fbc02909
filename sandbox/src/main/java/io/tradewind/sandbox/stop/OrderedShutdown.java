package io.tradewind.sandbox.stop;

import io.tradewind.localaws.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a command runs in order: named steps one after another, the parts of a step side by side, each step
 * bounded. A part still running at its step's bound is named in the log, interrupted and left behind, and the next step
 * goes on: a service held by a dependency that is down cannot hold the stop. Runs once; whoever asks again waits for
 * that one run. Each step's duration is logged.
 *
 * <p>The usual order is {@link #services what uses the emulators} first, then {@link #emulators the emulators}: a
 * service whose database went first retries against it until its own bounds give up (what made Ctrl-C take 90 s).
 */
public final class OrderedShutdown {
    private static final Logger log = LoggerFactory.getLogger(OrderedShutdown.class);

    /** The bound of the step that stops every service of a command (each service's close, side by side). */
    public static final Duration SERVICES_BOUND = Duration.ofSeconds(5);

    /** The bound of the step that stops the emulators, once nothing uses them. */
    public static final Duration EMULATORS_BOUND = Duration.ofSeconds(3);

    /** The bound of the last step, which kills any emulator process the step before left running. */
    public static final Duration KILL_BOUND = Duration.ofMillis(500);

    /** One thing to stop. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** One thing a step stops, by name. */
    public record Part(String name, Action action) {}

    /** Parts stopped side by side within {@code bound}. */
    public record Step(String name, Duration bound, List<Part> parts) {
        public Step {
            if (bound.isNegative() || bound.isZero())
                throw new IllegalArgumentException("bound " + bound + " of step " + name + " is not positive");
            parts = List.copyOf(parts);
        }
    }

    /** How a step ended. */
    public enum Outcome {
        /** Every part stopped. */
        DONE,
        /** Every part ended, and at least one with an error (logged). */
        FAILED,
        /** A part was still running at the bound (named in {@code unfinished}). */
        TIMED_OUT
    }

    /** What one step did and took. */
    public record StepResult(String step, Outcome outcome, Duration took, List<String> unfinished) {}

    private final String what;
    private final List<Step> steps;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<List<StepResult>> results = new CompletableFuture<>();

    private OrderedShutdown(String what, List<Step> steps) {
        this.what = what;
        this.steps = List.copyOf(steps);
    }

    /** A shutdown of {@code what} (for the log), built step by step. */
    public static Builder of(String what) {
        return new Builder(what);
    }

    /** The steps in order. */
    public List<Step> steps() {
        return steps;
    }

    /** The longest this shutdown can take: the sum of its steps' bounds. */
    public Duration bound() {
        return steps.stream().map(Step::bound).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Runs the steps, once: a second call (the shutdown hook after the command's own close, say) waits for the first
     * run and returns its results.
     */
    public List<StepResult> run() {
        if (!started.compareAndSet(false, true)) return results.join();
        long startNanos = System.nanoTime();
        List<StepResult> done = new ArrayList<>();
        try {
            log.info("stopping {}: {}", what, steps.stream().map(Step::name).toList());
            for (Step step : steps) done.add(runStep(step));
            log.info("{} stopped in {} ms", what, (System.nanoTime() - startNanos) / 1_000_000);
        } finally {
            results.complete(List.copyOf(done));
        }
        return done;
    }

    private StepResult runStep(Step step) {
        long startNanos = System.nanoTime();
        Map<Part, Thread> threads = new LinkedHashMap<>();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Part part : step.parts()) {
            Thread thread = new Thread(
                    () -> {
                        try {
                            part.action().run();
                            log.info(
                                    "{}: {} stopped in {} ms",
                                    what,
                                    part.name(),
                                    (System.nanoTime() - startNanos) / 1_000_000);
                        } catch (Exception | LinkageError e) {
                            failed.add(part.name());
                            log.warn("{}: stopping {} failed", what, part.name(), e);
                        }
                    },
                    "stop " + part.name());
            // A part left behind at its bound must not keep the JVM alive.
            thread.setDaemon(true);
            threads.put(part, thread);
        }
        threads.values().forEach(Thread::start);
        long deadline = startNanos + step.bound().toNanos();
        boolean interrupted = false;
        for (Thread thread : threads.values()) {
            long left;
            while (thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    thread.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true; // the stop goes on: it is what an interrupted command does last
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        List<String> unfinished = new ArrayList<>();
        threads.forEach((part, thread) -> {
            if (thread.isAlive()) {
                unfinished.add(part.name());
                thread.interrupt();
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Outcome outcome = !unfinished.isEmpty() ? Outcome.TIMED_OUT : failed.isEmpty() ? Outcome.DONE : Outcome.FAILED;
        if (outcome == Outcome.TIMED_OUT)
            log.warn(
                    "{}: step '{}' took its whole bound of {} ms; going on without {}",
                    what,
                    step.name(),
                    step.bound().toMillis(),
                    unfinished);
        else log.info("{}: step '{}' {} in {} ms", what, step.name(), outcome, took.toMillis());
        return new StepResult(step.name(), outcome, took, unfinished);
    }

    /** The step that stops {@code services} (by name) side by side, within {@link #SERVICES_BOUND}. */
    public static Step services(Map<String, ? extends AutoCloseable> services) {
        List<Part> parts = new ArrayList<>();
        services.forEach((name, service) -> parts.add(new Part(name, service::close)));
        return new Step("services", SERVICES_BOUND, parts);
    }

    /**
     * The steps that stop the emulators once nothing uses them: their orderly close within {@link #EMULATORS_BOUND},
     * then a kill of any emulator process still running, so none outlives the command.
     */
    public static List<Step> emulators(LocalAws aws) {
        return List.of(
                new Step("emulators", EMULATORS_BOUND, List.of(new Part("local AWS", aws::close))),
                new Step("emulator processes", KILL_BOUND, List.of(new Part("leftover processes", aws::kill))));
    }

    /** Builds an {@link OrderedShutdown}. */
    public static final class Builder {
        private final String what;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String what) {
            this.what = what;
        }

        public Builder step(Step step) {
            steps.add(step);
            return this;
        }

        public Builder steps(List<Step> more) {
            steps.addAll(more);
            return this;
        }

        /** A step of one part. */
        public Builder step(String name, Duration bound, Action action) {
            return step(new Step(name, bound, List.of(new Part(name, action))));
        }

        public OrderedShutdown build() {
            return new OrderedShutdown(what, steps);
        }
    }
}
