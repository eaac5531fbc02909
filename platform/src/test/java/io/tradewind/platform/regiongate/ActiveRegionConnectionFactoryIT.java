package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.arc.RoutingControlState;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A counterparty's connections follow the inbound routing controls across a rotation, as DNS failover makes them on
 * AWS: they reach us-east-1's broker while its control is On, are closed when us-west-2's turns On, and new ones reach
 * us-west-2's broker.
 */
@ExtendWith(LocalAwsExtension.class)
class ActiveRegionConnectionFactoryIT {

    @Test
    void connectionsFollowTheActiveRegionAcrossARotation(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        String eastControl = aws.arc().addRoutingControl("follow-inbound-" + east.name(), false);
        String westControl = aws.arc().addRoutingControl("follow-inbound-" + west.name(), false);
        RoutingControlReader reader = new ArcRoutingControlReader(
                new AwsClientFactory(AwsSettings.local(east.name(), east.kinesisEndpoint(), east.dynamoDbEndpoint()))
                        .arcCluster(aws.arc().endpoints()));
        BrokerLogin login = TestLogins.unrestricted(aws, "follow-it"); // its queue is outside the wire contract
        try (ActiveRegionConnectionFactory brokers = new ActiveRegionConnectionFactory(
                        Map.of(
                                east.name(), QueueProbe.broker(east.brokerUri(), login),
                                west.name(), QueueProbe.broker(west.brokerUri(), login)),
                        Map.of(east.name(), eastControl, west.name(), westControl),
                        reader,
                        Duration.ofMillis(100));
                QueueProbe eastQueue = QueueProbe.on(east.brokerUri(), "follow.inbound", login);
                QueueProbe westQueue = QueueProbe.on(west.brokerUri(), "follow.inbound", login)) {
            assertThatThrownBy(brokers::createConnection)
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("no region");

            aws.arc().cluster().update(eastControl, RoutingControlState.ON);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> brokers.activeRegion().isPresent());
            Connection beforeRotation = brokers.createConnection();
            send(beforeRotation, "to-east");
            await().atMost(Duration.ofSeconds(10)).until(() -> eastQueue.total() == 1);

            // The rotation: east's inbound Off, then west's On.
            aws.arc().cluster().update(eastControl, RoutingControlState.OFF);
            aws.arc().cluster().update(westControl, RoutingControlState.ON);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> brokers.activeRegion().orElseThrow().equals(west.name()));
            assertThatThrownBy(() -> send(beforeRotation, "lost"))
                    .as("the old region's connection is closed, so its client reconnects")
                    .isInstanceOf(JMSException.class);

            try (Connection afterRotation = brokers.createConnection()) {
                send(afterRotation, "to-west");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> westQueue.total() == 1);
            assertThat(eastQueue.total()).isEqualTo(1);
            assertThat(westQueue.received())
                    .extracting(QueueProbe.Received::body)
                    .containsExactly("to-west");
        }
    }

    private static void send(Connection connection, String body) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("follow.inbound")).send(session.createTextMessage(body));
        session.close();
    }
}
