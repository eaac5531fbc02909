package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.sandbox.Sandbox;
import io.tradewind.sandbox.stop.OrderedShutdown.Outcome;
import io.tradewind.sandbox.stop.OrderedShutdown.Part;
import io.tradewind.sandbox.stop.OrderedShutdown.Step;
import io.tradewind.sandbox.stop.OrderedShutdown.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class OrderedShutdownTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    private final List<String> stopped = new CopyOnWriteArrayList<>();

    @Test
    void stopsStepByStepAndThePartsOfAStepSideBySide() {
        // Each service waits for the other to have started stopping: only side by side do both finish.
        CountDownLatch bothStopping = new CountDownLatch(2);
        OrderedShutdown.Action service = () -> {
            bothStopping.countDown();
            assertThat(bothStopping.await(10, TimeUnit.SECONDS)).isTrue();
            stopped.add("service");
        };
        OrderedShutdown shutdown = OrderedShutdown.of("test")
                .step(OrderedShutdown.services(Map.of("a", service::run, "b", service::run)))
                .step("emulators", LONG, () -> stopped.add("emulators"))
                .build();

        List<StepResult> results = shutdown.run();

        assertThat(stopped).containsExactly("service", "service", "emulators");
        assertThat(results)
                .extracting(StepResult::step, StepResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("services", Outcome.DONE),
                        org.assertj.core.groups.Tuple.tuple("emulators", Outcome.DONE));
    }

    @Test
    void goesOnAtAStepsBoundNamingWhatDidNotStopAndInterruptingIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        OrderedShutdown shutdown = OrderedShutdown.of("test")
                .step(new Step(
                        "services",
                        Duration.ofMillis(200),
                        List.of(
                                new Part("held by a dependency", () -> {
                                    try {
                                        never.await();
                                    } catch (InterruptedException e) {
                                        interrupted.complete(true);
                                    }
                                }),
                                new Part("quick", () -> stopped.add("quick")))))
                .step("emulators", LONG, () -> stopped.add("emulators"))
                .build();

        long startNanos = System.nanoTime();
        List<StepResult> results = shutdown.run();

        // The stuck part costs its step's bound (200 ms), not its own hold (for ever): far below 5 s on any machine.
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(5));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(results.get(0).unfinished()).containsExactly("held by a dependency");
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.DONE);
        assertThat(stopped).containsExactly("quick", "emulators");
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPartThatFailsDoesNotKeepTheNextStepsFromRunning() {
        OrderedShutdown shutdown = OrderedShutdown.of("test")
                .step("services", LONG, () -> {
                    throw new IllegalStateException("broker gone");
                })
                .step("emulators", LONG, () -> stopped.add("emulators"))
                .build();

        List<StepResult> results = shutdown.run();

        assertThat(results).extracting(StepResult::outcome).containsExactly(Outcome.FAILED, Outcome.DONE);
        assertThat(stopped).containsExactly("emulators");
    }

    @Test
    void runsOnceAndASecondCallerWaitsForTheFirstRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrderedShutdown shutdown = OrderedShutdown.of("test")
                .step("services", LONG, () -> {
                    runs.incrementAndGet();
                    running.countDown();
                    release.await();
                })
                .build();
        CompletableFuture<List<StepResult>> first = CompletableFuture.supplyAsync(shutdown::run);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<List<StepResult>> second = CompletableFuture.supplyAsync(shutdown::run);
        // Waiting, not running again: for a while (time for a second run to start, were there one) it neither ends nor
        // runs the step a second time.
        Awaitility.await("the second caller waiting on the first run")
                .during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !second.isDone() && runs.get() == 1);
        release.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(first.get(10, TimeUnit.SECONDS));
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSandboxStopsWellWithinTheTenSecondsCtrlCMayTake() {
        // Its steps' bounds, one after another: what is left of the 10 s is the JVM's own exit and a busy machine.
        assertThat(Sandbox.STOP_BOUND).isLessThanOrEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void refusesABoundThatIsNotPositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Step("services", Duration.ZERO, List.of()))
                .hasMessageContaining("bound PT0S of step services");
    }
}
