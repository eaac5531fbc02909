package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Every broker connection gets our bounds, except where its URI sets its own. */
class JmsConnectionsTest {

    @Test
    void givesEveryBrokerUriTheBoundsItDoesNotSetItself() {
        assertThat(JmsConnections.bounded(URI.create("tcp://b:61616?jms.requestTimeout=1000")))
                .hasToString("tcp://b:61616?jms.requestTimeout=1000&jms.connectResponseTimeout=10000"
                        + "&jms.closeTimeout=5000&connectionTimeout=5000&soWriteTimeout=10000"
                        + "&wireFormat.maxInactivityDuration=10000");
        assertThat(JmsConnections.bounded(URI.create("failover:(ssl://a:61617,ssl://b:61617)?randomize=false")))
                .hasToString("failover:(ssl://a:61617,ssl://b:61617)?randomize=false&jms.requestTimeout=10000"
                        + "&jms.connectResponseTimeout=10000&jms.closeTimeout=5000&timeout=10000"
                        + "&nested.connectionTimeout=5000&nested.soWriteTimeout=10000"
                        + "&nested.wireFormat.maxInactivityDuration=10000");
        assertThat(JmsConnections.bounded(URI.create("vm://embedded")))
                .hasToString("vm://embedded?jms.requestTimeout=10000&jms.connectResponseTimeout=10000"
                        + "&jms.closeTimeout=5000");
    }
}
