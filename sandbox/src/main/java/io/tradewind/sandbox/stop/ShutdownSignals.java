package io.tradewind.sandbox.stop;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What Ctrl-C (SIGINT) and SIGTERM do to a command of the sandbox jar. The first starts the JVM's exit, whose one
 * shutdown hook (this class's) runs the command's {@link OrderedShutdown}. A second signal while that runs halts the JVM
 * at once, with the first signal's exit status, after killing the emulator processes (which would otherwise outlive
 * it): whoever presses Ctrl-C twice does not want to wait.
 *
 * <p>The JVM's own handling cannot do the second part: a second signal's exit waits for the hooks already running. So
 * the two signals are handled here, through {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported to every
 * application), where the JVM allows it; where it does not ({@code -Xrs}), the shutdown hook still runs the ordered
 * shutdown and only the second signal's halt is lost.
 */
public final class ShutdownSignals {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

    /** The signals handled: Ctrl-C and what {@code kill} (and {@code Process.destroy()}) send. */
    static final List<String> SIGNALS = List.of("INT", "TERM");

    /** How the JVM ends: {@link Runtime}'s, or a test's fake. */
    interface Jvm {
        /** Starts the JVM's exit (its shutdown hooks run) and does not return. */
        void exit(int status);

        /** Ends the JVM now: no hook runs, nothing is waited for. */
        void halt(int status);
    }

    private static final Jvm RUNTIME = new Jvm() {
        @Override
        public void exit(int status) {
            System.exit(status);
        }

        @Override
        public void halt(int status) {
            Runtime.getRuntime().halt(status);
        }
    };

    private final Runnable orderedShutdown;
    private final Runnable beforeHalt;
    private final Jvm jvm;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile int status = 130;

    ShutdownSignals(Runnable orderedShutdown, Runnable beforeHalt, Jvm jvm) {
        this.orderedShutdown = orderedShutdown;
        this.beforeHalt = beforeHalt;
        this.jvm = jvm;
    }

    /**
     * Makes {@code orderedShutdown} what this JVM does when it exits (its only shutdown hook), and handles SIGINT and
     * SIGTERM as this class says; {@code beforeHalt} (which must not wait for anything) runs before a halt.
     */
    public static ShutdownSignals install(Runnable orderedShutdown, Runnable beforeHalt) {
        ShutdownSignals signals = new ShutdownSignals(orderedShutdown, beforeHalt, RUNTIME);
        Runtime.getRuntime().addShutdownHook(new Thread(signals::onExit, "ordered-shutdown"));
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> signals.onSignal(signal.getNumber()));
            } catch (IllegalArgumentException e) {
                // -Xrs, or a signal the JVM keeps for itself here: the shutdown hook still runs on it.
                log.warn("cannot handle SIG{} ({}); a second one will not halt at once", name, e.getMessage());
            }
        }
        return signals;
    }

    /**
     * A signal arrived (on a thread of its own, as the JVM dispatches each): the first starts the exit, with the
     * conventional status 128 + its number (130 for Ctrl-C, 143 for SIGTERM); one that arrives while the JVM is
     * already stopping halts it.
     */
    void onSignal(int number) {
        if (stopping.compareAndSet(false, true)) {
            status = 128 + number;
            jvm.exit(status);
            return;
        }
        log.warn("a second signal while stopping: halting now");
        try {
            beforeHalt.run();
        } finally {
            jvm.halt(status);
        }
    }

    /** The shutdown hook: the ordered shutdown, whatever started the exit (a signal, or the command's own end). */
    void onExit() {
        stopping.set(true);
        orderedShutdown.run();
    }
}
