package io.tradewind.localaws.mq;

import java.net.URI;
import java.nio.file.Path;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * One region's ActiveMQ broker, persistent in KahaDB so an acknowledged send survives a broker restart, reachable over
 * TCP on loopback as a counterparty would reach the real one. It can be killed and brought back on the same port with
 * the same store, as a region that went down and returned.
 *
 * <p>Every queue is mirrored to the topic {@code VirtualTopic.Mirror.<queue>}, so a drill or a test can watch what a
 * queue receives without taking it from its consumer.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The topic a queue's messages are copied to, for watchers that must not consume them. */
    public static String mirrorOf(String queue) {
        return "VirtualTopic.Mirror." + queue;
    }

    private final String brokerName;
    private final Path dataDir;
    private final URI brokerUri;
    private volatile BrokerService broker;

    private EmbeddedBroker(String brokerName, Path dataDir, BrokerService broker, URI brokerUri) {
        this.brokerName = brokerName;
        this.dataDir = dataDir;
        this.broker = broker;
        this.brokerUri = brokerUri;
    }

    /** Starts a broker named after its region, storing its journal under {@code dataDir}; port 0 picks a free one. */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port) throws Exception {
        BrokerService broker = startService(brokerName, dataDir, port);
        URI bound = broker.getTransportConnectors().get(0).getConnectUri();
        return new EmbeddedBroker(brokerName, dataDir, broker, URI.create("tcp://127.0.0.1:" + bound.getPort()));
    }

    private static BrokerService startService(String brokerName, Path dataDir, int port) throws Exception {
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
        broker.setUseMirroredQueues(true);
        TransportConnector connector = broker.addConnector("tcp://127.0.0.1:" + port);
        connector.setName("tcp");
        broker.start();
        if (!broker.waitUntilStarted()) throw new IllegalStateException("broker " + brokerName + " did not start");
        return broker;
    }

    /** The URL a JMS client connects to, e.g. {@code tcp://127.0.0.1:47101}. */
    public URI brokerUri() {
        return brokerUri;
    }

    public boolean isRunning() {
        return broker.isStarted();
    }

    /** Brings a killed broker back on its port with its store: what it held when it died is there again. */
    public synchronized void restart() throws Exception {
        if (isRunning()) return;
        broker = startService(brokerName, dataDir, brokerUri.getPort());
    }

    /** Stops the broker without draining: what a region outage looks like to its clients. */
    @Override
    public synchronized void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
