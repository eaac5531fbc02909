package io.tradewind.localaws.mq;

import io.tradewind.model.participant.BrokerAccessPolicy;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.SslContext;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.command.ActiveMQDestination;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.jaas.GroupPrincipal;
import org.apache.activemq.security.AuthorizationBroker;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.SimpleAuthenticationBroker;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;

/**
 * One region's ActiveMQ broker, persistent in KahaDB so an acknowledged send survives a broker restart, reachable over
 * TCP on loopback as a counterparty would reach the real one. It can be killed and brought back on the same port with
 * the same store, as a region that went down and returned.
 *
 * <p>Every queue is mirrored to the topic {@code VirtualTopic.Mirror.<queue>}, so a drill or a test can watch what a
 * queue receives without taking it from its consumer. The broker copies to the mirror itself, so a sender needs no
 * right on the mirror topic; a watcher needs the right to read it.
 *
 * <p>It speaks OpenWire ({@code tcp://}), AMQP 1.0 ({@code amqp://}) and STOMP ({@code stomp://}), each also over TLS
 * when started with a certificate, as Amazon MQ for ActiveMQ does; every transport goes through the same users, rights
 * and identity stamping, so a participant is the same participant whatever its client speaks.
 *
 * <p>Only its users connect (anonymous access is off), each allowed what {@link BrokerAccessPolicy} gives its groups,
 * and every message carries the user that sent it in {@code JMSXUserID}, stamped by the broker over whatever the sender
 * set. Users are added, changed and removed while the broker runs, as Amazon MQ's user API does (which applies them at
 * the next reboot instead), and a restart keeps them. A participant's user (one in its own group, {@link
 * BrokerAccessPolicy#groupOf(String)}) brings the entries of its private status queues with it.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The topic a queue's messages are copied to, for watchers that must not consume them. */
    public static String mirrorOf(String queue) {
        return BrokerAccessPolicy.MIRROR_TOPIC_PREFIX + queue;
    }

    /** A user's password and groups. */
    private record User(String password, Set<String> groups) {}

    private final String brokerName;
    private final Path dataDir;
    private final URI brokerUri;
    private final Map<String, User> users;
    /** Rules beyond the policy's, for tests of clients on destinations outside the wire contract. */
    private final List<BrokerAccessPolicy.AccessRule> grants;

    private final Tls tls;
    /** The ports it bound (a free one in place of each 0), so a restart binds them again. */
    private final Ports ports;

    private volatile BrokerService broker;

    /**
     * The ports of a broker's connectors; 0 picks a free one. The {@code Ssl} ones are bound only when the broker serves
     * TLS.
     */
    public record Ports(int openWire, int openWireSsl, int amqp, int amqpSsl, int stomp, int stompSsl) {
        public Ports {
            for (int port : new int[] {openWire, openWireSsl, amqp, amqpSsl, stomp, stompSsl})
                if (port < 0 || port > 65_535) throw new IllegalArgumentException("port " + port + " is not a port");
        }

        /** Every connector on a free port. */
        public static Ports ephemeral() {
            return new Ports(0, 0, 0, 0, 0, 0);
        }
    }

    /** The connectors' names (and so {@link #connectionsOver} keys), after the URL schemes Amazon MQ lists. */
    public static final String OPENWIRE = "tcp";

    public static final String OPENWIRE_SSL = "ssl";
    public static final String AMQP = "amqp";
    public static final String AMQP_SSL = "amqp+ssl";
    public static final String STOMP = "stomp";
    public static final String STOMP_SSL = "stomp+ssl";

    private EmbeddedBroker(
            String brokerName,
            Path dataDir,
            BrokerService broker,
            URI brokerUri,
            Map<String, User> users,
            List<BrokerAccessPolicy.AccessRule> grants,
            Tls tls,
            Ports ports) {
        this.ports = ports;
        this.grants = grants;
        this.tls = tls;
        this.brokerName = brokerName;
        this.dataDir = dataDir;
        this.broker = broker;
        this.brokerUri = brokerUri;
        this.users = users;
    }

    /** The ssl:// side of a broker started with TLS: its identity and the URL it serves. */
    private record Tls(BrokerTls identity, URI uri) {}

    /**
     * Starts a broker named after its region, storing its journal under {@code dataDir}; port 0 picks a free one. It has
     * no user yet: nobody can connect until {@link #putUser} adds one.
     */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port) throws Exception {
        return start(brokerName, dataDir, port, null, 0);
    }

    /**
     * The same, with an {@code ssl://} connector on {@code sslPort} (0: a free one) serving {@code tls}'s certificate
     * beside the TCP one; {@code tls} null: TCP only.
     */
    public static EmbeddedBroker start(String brokerName, Path dataDir, int port, BrokerTls tls, int sslPort)
            throws Exception {
        return start(brokerName, dataDir, new Ports(port, sslPort, 0, 0, 0, 0), tls);
    }

    /**
     * The same, with every connector on its port of {@code ports}: OpenWire, AMQP and STOMP, and with {@code tls} (null:
     * none) their TLS twins.
     */
    public static EmbeddedBroker start(String brokerName, Path dataDir, Ports ports, BrokerTls tls) throws Exception {
        Map<String, User> users = new ConcurrentHashMap<>();
        List<BrokerAccessPolicy.AccessRule> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
        BrokerService broker = startService(brokerName, dataDir, ports, users, grants, tls);
        Ports bound = new Ports(
                portOf(broker, OPENWIRE),
                portOf(broker, OPENWIRE_SSL),
                portOf(broker, AMQP),
                portOf(broker, AMQP_SSL),
                portOf(broker, STOMP),
                portOf(broker, STOMP_SSL));
        URI tcp = uriOf(OPENWIRE, bound.openWire());
        Tls ssl = tls == null ? null : new Tls(tls, uriOf(OPENWIRE_SSL, bound.openWireSsl()));
        return new EmbeddedBroker(brokerName, dataDir, broker, tcp, users, grants, ssl, bound);
    }

    /** The port a connector bound, 0 for one the broker does not serve. */
    private static int portOf(BrokerService broker, String connector) throws Exception {
        TransportConnector served = broker.getConnectorByName(connector);
        return served == null ? 0 : served.getConnectUri().getPort();
    }

    /** By the address the certificate names, so a client's host name verification passes. */
    private static URI uriOf(String scheme, int port) {
        return URI.create(scheme + "://127.0.0.1:" + port);
    }

    private static BrokerService startService(
            String brokerName,
            Path dataDir,
            Ports ports,
            Map<String, User> users,
            List<BrokerAccessPolicy.AccessRule> grants,
            BrokerTls tls)
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
        broker.setPlugins(
                new BrokerPlugin[] {authentication(users), new AuthorizationPlugin(authorization(users, grants))});
        // The authenticated user, never what the sender put there: the inbound gateways bind a message to it. The
        // broker stamps it on every send whatever the transport (a broker filter, after the protocol's own mapping).
        broker.setPopulateJMSXUserID(true);
        broker.setUseAuthenticatedPrincipalForJMSXUserID(true);
        broker.setDestinations(BrokerAccessPolicy.sharedQueues().stream()
                .map(ActiveMQQueue::new)
                .toArray(ActiveMQDestination[]::new));
        addConnector(broker, OPENWIRE, "tcp", ports.openWire(), "");
        // The JMS mapping (an AMQP string value is a TextMessage, a data section a BytesMessage), as Amazon MQ maps it;
        // ActiveMQ's own default keeps the whole encoded AMQP message as the body.
        addConnector(broker, AMQP, "amqp", ports.amqp(), AMQP_OPTIONS);
        addConnector(broker, STOMP, "stomp", ports.stomp(), "");
        if (tls != null) {
            SslContext context = new SslContext();
            context.setKeyManagers(java.util.List.of(tls.keyManagers()));
            broker.setSslContext(context);
            // Clients need not present a certificate: they log in.
            addConnector(broker, OPENWIRE_SSL, "ssl", ports.openWireSsl(), "");
            addConnector(broker, AMQP_SSL, "amqp+ssl", ports.amqpSsl(), AMQP_OPTIONS);
            addConnector(broker, STOMP_SSL, "stomp+ssl", ports.stompSsl(), "");
        }
        broker.start();
        if (!broker.waitUntilStarted()) throw new IllegalStateException("broker " + brokerName + " did not start");
        return broker;
    }

    private static final String AMQP_OPTIONS = "?transport.transformer=jms";

    private static void addConnector(BrokerService broker, String name, String transport, int port, String options)
            throws Exception {
        TransportConnector connector = broker.addConnector(transport + "://127.0.0.1:" + port + options);
        connector.setName(name);
    }

    private static SimpleAuthenticationPlugin authentication(Map<String, User> users) {
        SimpleAuthenticationPlugin plugin = new SimpleAuthenticationPlugin();
        plugin.setAnonymousAccessAllowed(false);
        plugin.setUserPasswords(passwords(users));
        plugin.setUserGroups(groups(users));
        return plugin;
    }

    private static Map<String, String> passwords(Map<String, User> users) {
        Map<String, String> passwords = new LinkedHashMap<>();
        users.forEach((user, entry) -> passwords.put(user, entry.password()));
        return passwords;
    }

    private static Map<String, Set<Principal>> groups(Map<String, User> users) {
        Map<String, Set<Principal>> groups = new LinkedHashMap<>();
        users.forEach((user, entry) -> {
            Set<Principal> principals = new HashSet<>();
            entry.groups().forEach(group -> principals.add(new GroupPrincipal(group)));
            groups.put(user, principals);
        });
        return groups;
    }

    /** The policy's entries for the services and for every participant that has a user here. */
    private static DefaultAuthorizationMap authorization(
            Map<String, User> users, List<BrokerAccessPolicy.AccessRule> grants) {
        DefaultAuthorizationMap map = new DefaultAuthorizationMap();
        map.setAuthorizationEntries(entries(users, grants));
        return map;
    }

    /** A destination several entries match is allowed to the groups of all of them. */
    private static List<DestinationMapEntry> entries(
            Map<String, User> users, List<BrokerAccessPolicy.AccessRule> grants) {
        List<DestinationMapEntry> entries = new ArrayList<>();
        List<BrokerAccessPolicy.AccessRule> rules = new ArrayList<>(BrokerAccessPolicy.rules(participants(users)));
        rules.addAll(grants);
        for (BrokerAccessPolicy.AccessRule rule : rules) {
            AuthorizationEntry entry = new AuthorizationEntry();
            if (rule.topic()) entry.setTopic(rule.destination());
            else entry.setQueue(rule.destination());
            entry.setReadACLs(principals(rule.read()));
            entry.setWriteACLs(principals(rule.write()));
            entry.setAdminACLs(principals(rule.admin()));
            entries.add(entry);
        }
        return entries;
    }

    /** The users that are participants: each is in its own participant group. */
    private static Set<String> participants(Map<String, User> users) {
        Set<String> participants = new TreeSet<>();
        users.forEach((user, entry) -> {
            if (entry.groups().contains(BrokerAccessPolicy.groupOf(user))) participants.add(user);
        });
        return participants;
    }

    private static Set<Object> principals(Set<String> groups) {
        Set<Object> principals = new HashSet<>();
        groups.forEach(group -> principals.add(new GroupPrincipal(group)));
        return principals;
    }

    /**
     * Adds {@code user}, or replaces its password and groups; it can connect at once (connections it already has keep
     * the groups they were opened with, as on ActiveMQ).
     */
    public synchronized void putUser(String user, String password, Set<String> groups) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("user is blank");
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("user " + user + " has no password");
        if (groups == null) throw new IllegalArgumentException("user " + user + " has no groups");
        users.put(user, new User(password, Set.copyOf(groups)));
        applyUsers();
    }

    /**
     * Allows more than the policy does, from now on and after a restart: for tests of clients on destinations outside
     * the wire contract. The sandbox grants nothing.
     */
    public synchronized void grant(BrokerAccessPolicy.AccessRule rule) {
        grants.add(rule);
        applyUsers();
    }

    /** Removes {@code user}: it can no longer connect. A user that is not there is no error. */
    public synchronized void removeUser(String user) {
        if (users.remove(user) != null) applyUsers();
    }

    /** The user names. */
    public Set<String> users() {
        return new TreeSet<>(users.keySet());
    }

    /** The password of {@code user}, for an update that keeps it (Amazon MQ's UpdateUser without a password). */
    String passwordOf(String user) {
        User entry = users.get(user);
        if (entry == null) throw new IllegalArgumentException("no user " + user);
        return entry.password();
    }

    /** The broker's name: its broker id in the emulated user API. */
    public String name() {
        return brokerName;
    }

    /** The groups of {@code user}, if it is there. */
    public Optional<Set<String>> groupsOf(String user) {
        return Optional.ofNullable(users.get(user)).map(User::groups);
    }

    /** The running broker's plugins take the users as they are now; a stopped one takes them when it restarts. */
    private void applyUsers() {
        BrokerService running = broker;
        if (!running.isStarted()) return;
        try {
            SimpleAuthenticationBroker authentication =
                    (SimpleAuthenticationBroker) running.getBroker().getAdaptor(SimpleAuthenticationBroker.class);
            AuthorizationBroker authorization =
                    (AuthorizationBroker) running.getBroker().getAdaptor(AuthorizationBroker.class);
            // Entries first: a new participant's status queues are there before it can log in.
            ((DefaultAuthorizationMap) authorization.getAuthorizationMap())
                    .setAuthorizationEntries(entries(users, grants));
            authentication.setUserGroups(groups(users));
            authentication.setUserPasswords(passwords(users));
        } catch (Exception e) {
            throw new IllegalStateException("broker " + brokerName + " did not take its users: " + e.getMessage(), e);
        }
    }

    /** The URL a JMS client connects to over TCP, e.g. {@code tcp://127.0.0.1:47101}. */
    public URI brokerUri() {
        return brokerUri;
    }

    /** The {@code ssl://} URL, e.g. {@code ssl://127.0.0.1:47105}, when the broker was started with TLS. */
    public Optional<URI> sslUri() {
        return Optional.ofNullable(tls).map(Tls::uri);
    }

    /** The AMQP 1.0 URL, e.g. {@code amqp://127.0.0.1:47107}. */
    public URI amqpUri() {
        return uriOf(AMQP, ports.amqp());
    }

    /** The AMQP 1.0 over TLS URL, e.g. {@code amqp+ssl://127.0.0.1:47109}, when the broker was started with TLS. */
    public Optional<URI> amqpSslUri() {
        return tls == null ? Optional.empty() : Optional.of(uriOf(AMQP_SSL, ports.amqpSsl()));
    }

    /** The STOMP URL, e.g. {@code stomp://127.0.0.1:47108}. */
    public URI stompUri() {
        return uriOf(STOMP, ports.stomp());
    }

    /** The STOMP over TLS URL, e.g. {@code stomp+ssl://127.0.0.1:47110}, when the broker was started with TLS. */
    public Optional<URI> stompSslUri() {
        return tls == null ? Optional.empty() : Optional.of(uriOf(STOMP_SSL, ports.stompSsl()));
    }

    /** The URL clients should use: {@code ssl://} when the broker serves TLS, {@code tcp://} otherwise. */
    public URI clientUri() {
        return tls == null ? brokerUri : tls.uri();
    }

    /**
     * A plain JMS client of this broker at {@link #clientUri()}, trusting its certificate when it serves TLS (for
     * tests and watchers, which log in on it; services build theirs from their settings).
     */
    public ConnectionFactory connectionFactory() {
        if (tls == null) return new ActiveMQConnectionFactory(brokerUri);
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(tls.uri());
        factory.setKeyAndTrustManagers(null, tls.identity().trustManagers(), null);
        return factory;
    }

    /** How many clients are connected now over one connector, by its name (0 for a connector it does not serve). */
    public int connectionsOver(String scheme) {
        TransportConnector connector = broker.getConnectorByName(scheme);
        return connector == null ? 0 : connector.getConnections().size();
    }

    /** What a queue has taken in, handed out and holds now. */
    public record QueueCounts(long enqueued, long dequeued, long held) {
        @Override
        public String toString() {
            return "enqueued " + enqueued + ", dequeued " + dequeued + ", held " + held;
        }
    }

    /** The counts of {@code queue} (created if nothing used it yet): what a test names when its message was not answered. */
    public QueueCounts countsOf(String queue) throws Exception {
        var destination = broker.getDestination(new ActiveMQQueue(queue));
        if (destination == null) return new QueueCounts(0, 0, 0);
        var statistics = destination.getDestinationStatistics();
        return new QueueCounts(
                statistics.getEnqueues().getCount(),
                statistics.getDequeues().getCount(),
                statistics.getMessages().getCount());
    }

    public boolean isRunning() {
        return broker.isStarted();
    }

    /** Brings a killed broker back on its port with its store: what it held when it died is there again. */
    public synchronized void restart() throws Exception {
        if (isRunning()) return;
        broker = startService(brokerName, dataDir, ports, users, grants, tls == null ? null : tls.identity());
    }

    /** Stops the broker without draining: what a region outage looks like to its clients. */
    @Override
    public synchronized void close() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }
}
