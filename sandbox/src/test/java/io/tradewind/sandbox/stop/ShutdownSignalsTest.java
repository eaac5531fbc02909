package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShutdownSignalsTest {
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    /** What the fake JVM was asked to do, in order. */
    private final List<String> jvm = new CopyOnWriteArrayList<>();

    private final CountDownLatch stuck = new CountDownLatch(1);
    private final CountDownLatch stepStarted = new CountDownLatch(1);

    /** An ordered shutdown whose one step is held (a service that does not stop) until the test ends. */
    private final OrderedShutdown stuckShutdown = OrderedShutdown.of("test")
            .step("services", Duration.ofMinutes(10), () -> {
                stepStarted.countDown();
                stuck.await();
            })
            .build();

    private ShutdownSignals signals;

    /** As the JVM does: exit runs the shutdown hook (here, in the caller's thread) and halt returns nothing. */
    private ShutdownSignals signals(Runnable orderedShutdown) {
        signals = new ShutdownSignals(orderedShutdown, () -> jvm.add("emulators killed"), new ShutdownSignals.Jvm() {
            @Override
            public void exit(int status) {
                jvm.add("exit " + status);
                signals.onExit();
            }

            @Override
            public void halt(int status) {
                jvm.add("halt " + status);
            }
        });
        return signals;
    }

    @AfterEach
    void releaseTheStuckStep() {
        stuck.countDown();
    }

    @Test
    void theFirstSignalExitsThroughTheOrderedShutdownWithItsConventionalStatus() {
        List<String> stopped = new CopyOnWriteArrayList<>();
        signals(() -> stopped.add("ordered shutdown")).onSignal(SIGTERM);

        assertThat(jvm).containsExactly("exit 143");
        assertThat(stopped).containsExactly("ordered shutdown");
    }

    @Test
    void aSecondCtrlCWhileTheShutdownIsStuckKillsTheEmulatorsAndHaltsAtOnce() throws Exception {
        ShutdownSignals handler = signals(stuckShutdown::run);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> handler.onSignal(SIGINT));
        assertThat(stepStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> handler.onSignal(SIGINT));

        // At once: the second signal waits for nothing (the stuck step would hold it 10 minutes).
        second.get(5, TimeUnit.SECONDS);
        assertThat(jvm).containsExactly("exit 130", "emulators killed", "halt 130");
        assertThat(first).isNotDone();
    }

    @Test
    void aSignalWhileTheCommandStopsByItselfHaltsAtOnce() throws Exception {
        ShutdownSignals handler = signals(stuckShutdown::run);
        // The command ended and called System.exit: the JVM runs the hook.
        CompletableFuture.runAsync(handler::onExit);
        assertThat(stepStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.runAsync(() -> handler.onSignal(SIGINT)).get(5, TimeUnit.SECONDS);

        assertThat(jvm).containsExactly("emulators killed", "halt 130");
    }
}
