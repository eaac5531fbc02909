package io.tradewind.platform.gateway;

import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import io.tradewind.platform.regiongate.RoutingControlReader;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.RedeliveryPolicy;

/** Connection factories for our brokers, configured so that no message is ever parked in a dead-letter queue. */
public final class JmsConnections {
    private JmsConnections() {}

    /**
     * An ActiveMQ factory whose redelivery never gives up: a gateway rolls back while a dependency is down, and the
     * broker's default (six redeliveries, then the DLQ) would quietly drop those messages.
     */
    public static ConnectionFactory activeMq(URI brokerUri) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUri);
        RedeliveryPolicy redelivery = new RedeliveryPolicy();
        redelivery.setMaximumRedeliveries(RedeliveryPolicy.NO_MAXIMUM_REDELIVERIES);
        redelivery.setInitialRedeliveryDelay(0);
        redelivery.setRedeliveryDelay(0); // the gateway backs off itself
        factory.setRedeliveryPolicy(redelivery);
        factory.setNonBlockingRedelivery(false);
        return factory;
    }

    /**
     * {@code app}'s brokers as its counterparties reach them: connections to the broker of the region whose {@code
     * <app>-inbound-<region>} routing control is On, following a rotation (what DNS failover gives on AWS). The caller
     * closes it.
     *
     * @param regionBrokers each region's broker of {@code app}, by region name
     */
    public static ActiveRegionConnectionFactory followingInbound(
            String app,
            Map<String, URI> regionBrokers,
            PlatformProperties.Arc arc,
            RoutingControlReader reader,
            Duration pollInterval) {
        Map<String, ConnectionFactory> brokers = new LinkedHashMap<>();
        Map<String, String> controls = new LinkedHashMap<>();
        regionBrokers.forEach((region, uri) -> {
            brokers.put(region, activeMq(uri));
            controls.put(region, arc.routingControlArn(app, "inbound", region));
        });
        return new ActiveRegionConnectionFactory(brokers, controls, reader, pollInterval);
    }
}
