package io.tradewind.platform.gateway;

import io.tradewind.model.topology.RoutingControls;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import io.tradewind.platform.regiongate.RoutingControlReader;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.activemq.ActiveMQSslConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;

/**
 * Connection factories for our brokers, configured so that no message is ever parked in a dead-letter queue and no
 * call waits on a broker without a bound.
 */
public final class JmsConnections {
    /**
     * Every request that waits for the broker's answer (a commit, a rollback, a session or consumer opened, a send
     * outside a transaction) fails after this long instead of waiting forever on a broker that stopped answering.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Closing a connection waits this long for the broker to acknowledge, then drops the connection anyway. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Opening the TCP connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A write the broker stopped reading (a transacted send fills the socket) fails the connection after this long. */
    public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A connection on which nothing arrived for this long (the broker keeps it alive otherwise) fails, so a consumer of a
     * hung broker reconnects and says so instead of reading nothing forever. The broker agrees to the shorter of its own
     * and ours (ActiveMQ's default is 30 s).
     */
    public static final Duration INACTIVITY_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> SOCKET_TRANSPORTS = Set.of("tcp", "ssl", "nio", "nio+ssl");

    private JmsConnections() {}

    /**
     * An ActiveMQ factory whose redelivery never gives up (a gateway rolls back while a dependency is down, and the
     * broker's default, six redeliveries and then the DLQ, would quietly drop those messages), with the bounds of
     * {@link #bounded(URI)}, whose connections log in as {@code login} (null: none, which our brokers refuse).
     */
    public static ConnectionFactory activeMq(URI brokerUri) {
        return activeMq(brokerUri, null, null);
    }

    /** The same, logged in as {@code login}, trusting the JDK's default trust store. */
    public static ConnectionFactory activeMq(URI brokerUri, JmsLogin login) {
        return activeMq(brokerUri, login, null);
    }

    /** The same, without a login, trusting {@code truststore}. */
    public static ConnectionFactory activeMq(URI brokerUri, PlatformProperties.Truststore truststore) {
        return activeMq(brokerUri, null, truststore);
    }

    /**
     * The same, logged in as {@code login} (null: anonymous, which our brokers refuse), whose {@code ssl://}
     * connections (alone or in a {@code failover:} list) trust {@code truststore}'s certificates; null or without a
     * path: the JDK's default trust store (Amazon MQ's certificates).
     */
    public static ConnectionFactory activeMq(URI brokerUri, JmsLogin login, PlatformProperties.Truststore truststore) {
        // The SSL factory makes plain tcp:// connections exactly as its parent does; it only adds what ssl:// trusts.
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(bounded(brokerUri));
        trust(factory, truststore);
        if (login != null) {
            factory.setUserName(login.username());
            factory.setPassword(login.password());
        }
        RedeliveryPolicy redelivery = new RedeliveryPolicy();
        redelivery.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        redelivery.setInitialRedeliveryDelay(0);
        redelivery.setRedeliveryDelay(0); // the gateway backs off itself
        factory.setRedeliveryPolicy(redelivery);
        factory.setNonBlockingRedelivery(false);
        return factory;
    }

    /** Makes {@code factory}'s TLS connections trust {@code truststore}'s certificates, when it names a store. */
    static void trust(ActiveMQSslConnectionFactory factory, PlatformProperties.Truststore truststore) {
        if (truststore == null || truststore.path() == null) return;
        // Set as trust managers, not as the factory's trustStore path: a failover transport keeps them for the
        // reconnects it makes on its own thread, and a store that cannot be read fails here, at start, by its name.
        factory.setKeyAndTrustManagers(null, trustManagers(truststore), null);
    }

    /** The trust managers of {@code truststore}, or an error naming the setting that is wrong. */
    public static TrustManager[] trustManagers(PlatformProperties.Truststore truststore) {
        try (InputStream in = Files.newInputStream(truststore.path())) {
            KeyStore store = KeyStore.getInstance(truststore.type());
            store.load(in, truststore.passwordChars());
            if (store.size() == 0)
                throw new IllegalArgumentException(
                        "tradewind.mq.truststore.path " + truststore.path() + " holds no certificate");
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "tradewind.mq.truststore " + truststore.path() + " (" + truststore.type()
                            + ") cannot be read, or its password is wrong: " + e.getMessage(),
                    e);
        }
    }

    /** {@link #activeMq(URI, JmsLogin, PlatformProperties.Truststore)} for this service's broker, as the service. */
    public static ConnectionFactory activeMq(PlatformProperties.Mq mq) {
        return activeMq(mq.brokerUrl(), mq.login(), mq.truststore());
    }

    /**
     * {@code brokerUri} with our bounds as options, where it does not give its own: {@code jms.requestTimeout},
     * {@code jms.connectResponseTimeout} and {@code jms.closeTimeout} on the connection; {@code connectionTimeout},
     * {@code soWriteTimeout} and {@code wireFormat.maxInactivityDuration} on a socket transport, or for each broker of a
     * {@code failover:} list (with {@code timeout}, how long a send waits for a reconnect).
     *
     * <p>Not {@code jms.sendTimeout}: it makes every send a round trip of its own, where a transacted batch's sends go
     * out without waiting and its commit, a request, waits for them all.
     */
    public static URI bounded(URI brokerUri) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("jms.requestTimeout", REQUEST_TIMEOUT.toMillis());
        options.put("jms.connectResponseTimeout", REQUEST_TIMEOUT.toMillis());
        options.put("jms.closeTimeout", CLOSE_TIMEOUT.toMillis());
        String scheme = brokerUri.getScheme();
        if ("failover".equals(scheme)) {
            options.put("timeout", REQUEST_TIMEOUT.toMillis());
            options.putAll(socketBounds("nested."));
        } else if (SOCKET_TRANSPORTS.contains(scheme)) {
            options.putAll(socketBounds(""));
        }
        return withOptions(brokerUri, options);
    }

    private static Map<String, Object> socketBounds(String prefix) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(prefix + "connectionTimeout", CONNECT_TIMEOUT.toMillis());
        options.put(prefix + "soWriteTimeout", WRITE_TIMEOUT.toMillis());
        options.put(prefix + "wireFormat.maxInactivityDuration", INACTIVITY_TIMEOUT.toMillis());
        return options;
    }

    /** Appends the options the URI's own query (after a failover list's closing parenthesis) does not name. */
    private static URI withOptions(URI uri, Map<String, Object> options) {
        String text = uri.toString();
        int query = text.indexOf('?', text.lastIndexOf(')') + 1);
        Set<String> given = new HashSet<>();
        if (query >= 0) for (String option : text.substring(query + 1).split("&")) given.add(option.split("=", 2)[0]);
        StringBuilder bounded = new StringBuilder(text);
        char separator = query >= 0 ? '&' : '?';
        for (Map.Entry<String, Object> option : options.entrySet()) {
            if (given.contains(option.getKey())) continue;
            bounded.append(separator).append(option.getKey()).append('=').append(option.getValue());
            separator = '&';
        }
        return URI.create(bounded.toString());
    }

    /**
     * {@code app}'s brokers as its counterparties reach them: connections to the broker of the region whose {@code
     * <app>-inbound-<region>} routing control is On, following a rotation (what DNS failover gives on AWS). The caller
     * closes it.
     *
     * @param regionBrokers each region's broker of {@code app}, by region name
     * @param login the user connections log in as ({@code createConnection(user, password)} chooses another)
     */
    public static ActiveRegionConnectionFactory followingInbound(
            String app,
            Map<String, URI> regionBrokers,
            PlatformProperties.Arc arc,
            RoutingControlReader reader,
            Duration pollInterval,
            JmsLogin login,
            PlatformProperties.Truststore truststore) {
        Map<String, ConnectionFactory> brokers = new LinkedHashMap<>();
        Map<String, String> controls = new LinkedHashMap<>();
        regionBrokers.forEach((region, uri) -> {
            brokers.put(region, activeMq(uri, login, truststore));
            controls.put(region, arc.routingControlArn(app, RoutingControls.INBOUND, region));
        });
        return new ActiveRegionConnectionFactory(brokers, controls, reader, pollInterval);
    }
}
