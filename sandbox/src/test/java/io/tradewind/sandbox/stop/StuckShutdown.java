package io.tradewind.sandbox.stop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A command whose ordered shutdown is stuck (its one step never ends within its 10-minute bound), for a test of what a
 * second Ctrl-C does: run as a JVM of its own, it prints {@value #READY} once its signals are handled and
 * {@value #STOPPING} once its shutdown began.
 */
public final class StuckShutdown {
    static final String READY = "ready for signals";
    static final String STOPPING = "stopping, and stuck";

    private StuckShutdown() {}

    public static void main(String[] args) throws InterruptedException {
        OrderedShutdown stuck = OrderedShutdown.of("a stuck command")
                .step("a service that does not stop", Duration.ofMinutes(10), () -> {
                    System.out.println(STOPPING);
                    new CountDownLatch(1).await();
                })
                .build();
        ShutdownSignals.install(stuck::run, () -> System.out.println("killing the emulators"));
        System.out.println(READY);
        new CountDownLatch(1).await();
    }
}
