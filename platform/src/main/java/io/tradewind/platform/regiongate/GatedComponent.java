package io.tradewind.platform.regiongate;

/**
 * Something that takes work from a queue or stream, and so must run only in the active region: a gateway or a
 * consumer. {@link RegionGate} starts and stops it; both calls are idempotent.
 */
public interface GatedComponent {
    String name();

    /** Starts taking work; returns once started. Calling it while running does nothing. */
    void start();

    /** Stops taking work, letting the batch in hand finish or roll back; returns once stopped. */
    void stop();

    boolean isRunning();

    /**
     * Whether it is taking work now: started, and connected to what it reads (a KCL scheduler running, a JMS listener
     * connected). A readiness probe reads it; by default, running.
     */
    default boolean isReady() {
        return isRunning();
    }
}
