package io.tradewind.platform.gateway;

import jakarta.jms.ConnectionFactory;
import java.net.URI;
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
}
