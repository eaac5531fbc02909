package io.tradewind.platform.regiongate;

import io.tradewind.platform.resilience.BoundedStop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the components it guards while their routing control is On and stops them when it turns Off, polling the
 * control at a fixed interval. Until the control has been read once, the gate stays closed (a region that cannot tell
 * whether it is active does not process); after that, a failed read keeps the last known state.
 */
public final class RegionGate implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegionGate.class);

    /** The longest the gate waits for its components to stop: longer than any of them takes by its own bounds. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private final String routingControlArn;
    private final RoutingControlReader reader;
    private final Duration pollInterval;
    private final List<GatedComponent> guarded;
    private final ScheduledExecutorService poller;

    private volatile Optional<Boolean> lastKnown = Optional.empty();
    private volatile boolean open;
    private volatile boolean readFailing;

    public RegionGate(
            String routingControlArn,
            RoutingControlReader reader,
            Duration pollInterval,
            List<GatedComponent> guarded) {
        this.routingControlArn = routingControlArn;
        this.reader = reader;
        this.pollInterval = pollInterval;
        this.guarded = List.copyOf(guarded);
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "region-gate " + routingControlArn);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads the control now, applies it, and keeps polling. */
    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while the guarded components are running. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Ready to serve as this region's part: the control has been read at least once (until then the region cannot tell
     * whether it is active), the gate is as the control says (not still opening or closing, nor closed because a
     * component could not start), and, while open, every guarded component is taking work. A gate closed by its
     * control, as in the standby region, is ready: its components are meant to be stopped.
     */
    public boolean isReady() {
        return readiness().ready();
    }

    /**
     * What {@link #isReady()} is made of, for a readiness probe's details.
     *
     * @param routingControlArn the control this gate follows
     * @param controlRead whether any read of it has succeeded
     * @param controlOn the state last read (false while none has been)
     * @param open whether the guarded components run
     * @param notReady the guarded components that run but are not taking work
     */
    public record Readiness(
            String routingControlArn, boolean controlRead, boolean controlOn, boolean open, List<String> notReady) {
        public boolean ready() {
            return controlRead && controlOn == open && notReady.isEmpty();
        }
    }

    public Readiness readiness() {
        Optional<Boolean> read = lastKnown;
        boolean isOpen = open;
        List<String> notReady = isOpen
                ? guarded.stream()
                        .filter(component -> !component.isReady())
                        .map(GatedComponent::name)
                        .toList()
                : List.of();
        return new Readiness(routingControlArn, read.isPresent(), read.orElse(false), isOpen, notReady);
    }

    /** The state last read from ARC, if any read has succeeded. */
    public Optional<Boolean> lastKnownState() {
        return lastKnown;
    }

    /** Reads the control once and opens or closes the gate to match; the poller calls it, tests may too. */
    public synchronized void poll() {
        try {
            boolean on = reader.isOn(routingControlArn);
            lastKnown = Optional.of(on);
            if (readFailing) log.info("routing control {} readable again: {}", routingControlArn, on ? "On" : "Off");
            readFailing = false;
        } catch (RuntimeException e) {
            if (!readFailing)
                log.warn(
                        "cannot read routing control {}; keeping last known state {}",
                        routingControlArn,
                        lastKnown.map(on -> on ? "On" : "Off").orElse("(none: gate stays closed)"),
                        e);
            readFailing = true;
        }
        boolean shouldBeOpen = lastKnown.orElse(false);
        if (shouldBeOpen && !open) openGate();
        else if (!shouldBeOpen && open) closeGate();
    }

    /**
     * Starts the components in order. If one cannot start, those already started are stopped again and the gate stays
     * closed: the next poll tries again, and a region never runs half its components.
     */
    private void openGate() {
        log.info("routing control {} is On: starting {}", routingControlArn, names());
        List<GatedComponent> started = new ArrayList<>();
        for (GatedComponent component : guarded) {
            try {
                component.start();
                started.add(component);
            } catch (RuntimeException e) {
                log.error(
                        "starting {} failed; stopping {} again and trying on the next poll",
                        component.name(),
                        started.stream().map(GatedComponent::name).toList(),
                        e);
                stopAll(started);
                return;
            }
        }
        open = true;
    }

    /**
     * Stops the components side by side: each stage finishes the batch in hand before it stops, and one after another
     * those waits add up to a rotation's slowest step.
     */
    private void closeGate() {
        log.info("routing control {} is Off: stopping {}", routingControlArn, names());
        stopAll(guarded);
        open = false;
    }

    private static void stopAll(List<GatedComponent> components) {
        List<Thread> stopping = components.stream()
                .map(component -> new Thread(() -> stopQuietly(component), "stop " + component.name()))
                .toList();
        stopping.forEach(Thread::start);
        // The gate reports closed once every component has stopped, or once the components that did not have been
        // named in the log: each bounds its own stop, so one still stopping here is held by a hung dependency.
        BoundedStop.join(stopping, STOP_TIMEOUT, "region gate");
    }

    private static void stopQuietly(GatedComponent component) {
        try {
            component.stop();
        } catch (RuntimeException e) {
            log.error("stopping {} failed", component.name(), e);
        }
    }

    private List<String> names() {
        return guarded.stream().map(GatedComponent::name).toList();
    }

    /** Stops polling and stops every guarded component. */
    @Override
    public void close() {
        poller.shutdownNow();
        synchronized (this) {
            if (open) closeGate();
        }
    }
}
