package io.tradewind.platform.regiongate;

import io.tradewind.platform.resilience.BoundedStop;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What DNS failover gives a counterparty on AWS: connections to the broker of the region whose inbound routing control
 * is On. It polls the controls (through the ARC cluster's endpoints, like every region gate); when the active region
 * changes, the connections it opened to the old region are closed, so their clients reconnect, and reach the new one.
 * While no region or both regions read On (a rotation in progress) it keeps the last region it knew; before it has
 * known one, and once closed, creating a connection fails.
 */
public final class ActiveRegionConnectionFactory implements ConnectionFactory, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActiveRegionConnectionFactory.class);

    private final Map<String, ConnectionFactory> brokers;
    private final Map<String, String> controls;
    private final RoutingControlReader reader;
    private final ScheduledExecutorService poller;
    // Weak keys: a connection its client closed and dropped is forgotten rather than kept until the next rotation.
    private final Map<Connection, String> opened = new WeakHashMap<>();
    private volatile String activeRegion;
    private volatile boolean closed;

    /**
     * @param brokers each region's broker
     * @param inboundControls each region's inbound routing control ARN (the same regions)
     */
    public ActiveRegionConnectionFactory(
            Map<String, ConnectionFactory> brokers,
            Map<String, String> inboundControls,
            RoutingControlReader reader,
            Duration pollInterval) {
        if (!brokers.keySet().equals(inboundControls.keySet()))
            throw new IllegalArgumentException(
                    "brokers " + brokers.keySet() + " and controls " + inboundControls.keySet() + " differ");
        this.brokers = Map.copyOf(brokers);
        this.controls = new LinkedHashMap<>(inboundControls);
        this.reader = reader;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "active-region-broker");
            thread.setDaemon(true);
            return thread;
        });
        poll();
        poller.scheduleWithFixedDelay(
                this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The region whose broker new connections reach, once one has been read On. */
    public Optional<String> activeRegion() {
        return Optional.ofNullable(activeRegion);
    }

    void poll() {
        List<String> on = new ArrayList<>();
        try {
            for (Map.Entry<String, String> control : controls.entrySet())
                if (reader.isOn(control.getValue())) on.add(control.getKey());
        } catch (RoutingControlUnavailableException e) {
            return; // fail static: keep the region we knew
        }
        if (on.size() != 1 || on.get(0).equals(activeRegion)) return;
        String previous = activeRegion;
        activeRegion = on.get(0);
        log.info("active broker region {} -> {}", previous, activeRegion);
        if (previous != null) closeConnectionsTo(previous);
    }

    private void closeConnectionsTo(String region) {
        List<Connection> stale = new ArrayList<>();
        synchronized (opened) {
            opened.entrySet().removeIf(entry -> {
                if (!entry.getValue().equals(region)) return false;
                stale.add(entry.getKey());
                return true;
            });
        }
        for (Connection connection : stale) closeQuietly(connection, region);
    }

    private String requireActive() throws JMSException {
        if (closed) throw new JMSException("closed: no longer following the inbound routing controls");
        String region = activeRegion;
        if (region == null) throw new JMSException("no region's inbound routing control has been read On yet");
        return region;
    }

    /** Opens a connection to a region's broker. */
    @FunctionalInterface
    private interface Opener {
        Connection open(ConnectionFactory broker) throws JMSException;
    }

    /**
     * Opens a connection to the active region's broker and tracks it. A rotation may sweep the old region's connections
     * while one is being opened there; such a connection, tracked too late to be swept, would stay on the old region
     * until the next rotation, so it is closed and the new region's broker is tried instead.
     */
    private Connection connect(Opener opener) throws JMSException {
        while (true) {
            String region = requireActive();
            Connection connection = opener.open(brokers.get(region));
            synchronized (opened) {
                opened.put(connection, region);
            }
            if (region.equals(activeRegion)) return connection;
            log.info("the active broker region left {} while a connection to it opened; reconnecting", region);
            closeQuietly(connection, region);
        }
    }

    private static void closeQuietly(Connection connection, String region) {
        try {
            connection.close();
        } catch (JMSException e) {
            log.debug("closing a connection to {} failed", region, e);
        }
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connect(ConnectionFactory::createConnection);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connect(broker -> broker.createConnection(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return activeForContext().createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return activeForContext().createContext(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return activeForContext().createContext(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return activeForContext().createContext(sessionMode);
    }

    /** Contexts are not followed across a rotation: their users hold them briefly. */
    private ConnectionFactory activeForContext() {
        try {
            return brokers.get(requireActive());
        } catch (JMSException e) {
            throw new jakarta.jms.JMSRuntimeException(e.getMessage());
        }
    }

    /** Stops following the controls; connections already opened stay with their clients, who close them. */
    @Override
    public void close() {
        closed = true;
        BoundedStop.shutdownNow(poller, Duration.ofSeconds(5), "active-region-broker");
    }
}
