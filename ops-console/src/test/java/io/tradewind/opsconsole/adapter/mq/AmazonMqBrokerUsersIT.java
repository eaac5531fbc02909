package io.tradewind.opsconsole.adapter.mq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.values.ParticipantId;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter of Amazon MQ's user API, against the sandbox's emulation of it: what it puts there can log in. */
@ExtendWith(LocalAwsExtension.class)
class AmazonMqBrokerUsersIT {

    private static AmazonMqBrokerUsers adapter(LocalAws aws) {
        Map<String, AmazonMqBrokerUsers.Region> regions = new LinkedHashMap<>();
        for (EmulatedRegion region : aws.regions())
            regions.put(
                    region.name(),
                    new AmazonMqBrokerUsers.Region(region.brokerUsersEndpoint(), List.of(region.brokerId())));
        return AmazonMqBrokerUsers.inSandbox(regions);
    }

    private static void postTrade(EmulatedRegion region, BrokerLogin login) throws JMSException {
        try (Connection connection =
                QueueProbe.broker(region.brokerUri(), login).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Queues.TRADES_INBOUND));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage("{}"));
        }
    }

    @Test
    void aUserItCreatesLogsInUntilItRemovesIt(LocalAws aws) throws Exception {
        String user = "BRK077";
        Set<String> groups = BrokerAccessPolicy.groupsOf(
                Participant.onboard(new ParticipantId(user), Set.of(Role.BROKER), Instant.EPOCH));
        BrokerLogin login = new BrokerLogin(user, SandboxCredentials.newPassword());
        try (AmazonMqBrokerUsers users = adapter(aws)) {
            for (EmulatedRegion region : aws.regions()) users.put(region.name(), user, login.password(), groups);

            for (EmulatedRegion region : aws.regions()) {
                postTrade(region, login);
                assertThat(users.users(region.name())).contains(user, "trade-matching", "ops-console");
                assertThat(region.broker().groupsOf(user)).contains(groups);
            }

            // Put again: a new password replaces the old one (Amazon MQ's CreateUser answers 409, then UpdateUser).
            BrokerLogin renewed = new BrokerLogin(user, SandboxCredentials.newPassword());
            EmulatedRegion east = aws.regions().get(0);
            users.put(east.name(), user, renewed.password(), groups);
            postTrade(east, renewed);
            assertThatThrownBy(() -> postTrade(east, login)).isInstanceOf(JMSSecurityException.class);

            for (EmulatedRegion region : aws.regions()) users.remove(region.name(), user);
            users.remove(east.name(), user); // a user not there is no error

            for (EmulatedRegion region : aws.regions()) {
                assertThat(users.users(region.name())).doesNotContain(user);
                assertThatThrownBy(() -> postTrade(region, renewed)).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    @Test
    void refusesAPasswordAmazonMqWouldRefuseNamingIt(LocalAws aws) {
        try (AmazonMqBrokerUsers users = adapter(aws)) {
            String region = aws.regions().get(0).name();
            assertThatThrownBy(() -> users.put(region, "BRK078", "short", Set.of(Role.BROKER.name())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HTTP 400")
                    .hasMessageContaining("12 to 250 characters")
                    .hasMessageNotContaining("short");
            assertThat(users.users(region)).doesNotContain("BRK078");
        }
    }
}
