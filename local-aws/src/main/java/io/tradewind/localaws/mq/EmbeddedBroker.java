package io.tradewind.localaws.mq;

import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * One region's ActiveMQ broker, persistent in KahaDB so an acknowledged send survives a broker restart, reachable over
 * TCP on loopback as a counterparty would reach the real one. It can be killed and brought back on the same port with
 * the same store, as a region that went down and returned.
 *
 * <p>Started with TLS ({@link BrokerTls}), it also serves {@code ssl://} on a port of its own, as Amazon MQ serves only
 * TLS; the TCP connector stays for what the sandbox does not start itself.
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
    private final Tls tls;
    private volatile BrokerService broker;

    private EmbeddedBroker(String brokerName, Path dataDir, BrokerService broker, URI brokerUri, Tls tls) {
        this.brokerName = brokerName;
        this.dataDir = dataDir;
        this.broker = broker;
        this.brokerUri = brokerUri;
        this.tls = tls;
    }

    /** The ssl:// side of a broker started with TLS: its identity and the URL it serves. */
    private record Tls(BrokerTls identity, URI uri) {}

    /** Starts a broker named after its region, storing its journal under {@code dataDir}; port 0 picks a free one. */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port) throws Exception {
        return start(brokerName, dataDir, port, null, 0);
    }

    /**
     * The same, with an {@code ssl://} connector on {@code sslPort} (0: a free one) serving {@code tls}'s certificate
     * beside the TCP one; {@code tls} null: TCP only.
     */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port, BrokerTls tls, int sslPort)
            throws Exception {
        BrokerService broker = startService(brokerName, dataDir, port, tls, sslPort);
        URI bound = broker.getConnectorByName("tcp").getConnectUri();
        URI tcp = URI.create("tcp://127.0.0.1:" + bound.getPort());
        if (tls == null) return new EmbeddedBroker(brokerName, dataDir, broker, tcp, null);
        URI ssl = sslUri(broker.getConnectorByName("ssl").getConnectUri().getPort());
        return new EmbeddedBroker(brokerName, dataDir, broker, tcp, new Tls(tls, ssl));
    }

    /** By the address the certificate names, so a client's host name verification passes. */
    private static URI sslUri(int port) {
        return URI.create("ssl://127.0.0.1:" + port);
    }

    private static BrokerService startService(String brokerName, Path dataDir, int port, BrokerTls tls, int sslPort)
            throws Exception {
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
        if (tls != null) addSslConnector(broker, tls, sslPort);
        broker.start();
        if (!broker.waitUntilStarted()) throw new IllegalStateException("broker " + brokerName + " did not start");
        return broker;
    }

    /** Serves TLS with the certificate of {@code tls}; clients need not present one (they log in, or not). */
    private static void addSslConnector(BrokerService broker, BrokerTls tls, int sslPort) throws Exception {
        SslContext context = new SslContext();
        context.setKeyManagers(java.util.List.of(tls.keyManagers()));
        broker.setSslContext(context);
        TransportConnector ssl = broker.addConnector("ssl://127.0.0.1:" + sslPort);
        ssl.setName("ssl");
    }

    /** The URL a JMS client connects to over TCP, e.g. {@code tcp://127.0.0.1:47101}. */
    public URI brokerUri() {
        return brokerUri;
    }

    /** The {@code ssl://} URL, e.g. {@code ssl://127.0.0.1:47105}, when the broker was started with TLS. */
    public Optional<URI> sslUri() {
        return Optional.ofNullable(tls).map(Tls::uri);
    }

    /** The URL clients should use: {@code ssl://} when the broker serves TLS, {@code tcp://} otherwise. */
    public URI clientUri() {
        return tls == null ? brokerUri : tls.uri();
    }

    /**
     * A plain JMS client of this broker at {@link #clientUri()}, trusting its certificate when it serves TLS (for
     * tests and watchers; services build theirs from their settings).
     */
    public ConnectionFactory connectionFactory() {
        if (tls == null) return new ActiveMQConnectionFactory(brokerUri);
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(tls.uri());
        factory.setKeyAndTrustManagers(null, tls.identity().trustManagers(), null);
        return factory;
    }

    /** How many clients are connected now over {@code tcp} or {@code ssl} (0 for a connector it does not serve). */
    public int connectionsOver(String scheme) {
        TransportConnector connector = broker.getConnectorByName(scheme);
        return connector == null ? 0 : connector.getConnections().size();
    }

    public boolean isRunning() {
        return broker.isStarted();
    }

    /** Brings a killed broker back on its port with its store: what it held when it died is there again. */
    public synchronized void restart() throws Exception {
        if (isRunning()) return;
        broker = startService(
                brokerName,
                dataDir,
                brokerUri.getPort(),
                tls == null ? null : tls.identity(),
                tls == null ? 0 : tls.uri().getPort());
    }

    /** Stops the broker without draining: what a region outage looks like to its clients. */
    @Override
    public synchronized void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
