package io.tradewind.localaws.mq;

import java.net.URI;
import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * One region's ActiveMQ broker, persistent in KahaDB so an acknowledged send survives a broker restart, reachable over
 * TCP on loopback as a counterparty would reach the real one.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final BrokerService broker;
    private final URI brokerUri;

    private EmbeddedBroker(BrokerService broker, URI brokerUri) {
        this.broker = broker;
        this.brokerUri = brokerUri;
    }

    /** Starts a broker named after its region, storing its journal under {@code dataDir}; port 0 picks a free one. */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port) throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(brokerName);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false); // LocalAws owns the order of shutdown.
        broker.setPersistent(true);
        broker.setDataDirectoryFile(dataDir.toFile());
        KahaDBPersistenceAdapter kahaDb = new KahaDBPersistenceAdapter();
        kahaDb.setDirectory(dataDir.resolve("kahadb").toFile());
        // Written on every commit, forced to disk once a second: a broker process that dies loses nothing, and the
        // emulator does not pay an fsync per transaction (as its PostgreSQL runs with fsync off).
        kahaDb.setJournalDiskSyncStrategy("periodic");
        broker.setPersistenceAdapter(kahaDb);
        broker.setAdvisorySupport(false);
        TransportConnector connector = broker.addConnector("tcp://127.0.0.1:" + port);
        broker.start();
        if (!broker.waitUntilStarted()) throw new IllegalStateException("broker " + brokerName + " did not start");
        URI bound = connector.getConnectUri();
        return new EmbeddedBroker(broker, URI.create("tcp://127.0.0.1:" + bound.getPort()));
    }

    /** The URL a JMS client connects to, e.g. {@code tcp://127.0.0.1:47101}. */
    public URI brokerUri() {
        return brokerUri;
    }

    public boolean isRunning() {
        return broker.isStarted();
    }

    /** Stops the broker without draining: what a region outage looks like to its clients. */
    @Override
    public void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
