package io.tradewind.localaws.junit;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.participant.BrokerAccessPolicy;
import java.util.Set;

/**
 * Broker users for tests of clients that use destinations outside the wire contract (a gateway test's own queues): a
 * user in a group of its own that may do anything on every queue and topic. The policy's users keep exactly the rights
 * the policy gives them; a test of the policy itself must not use these.
 */
public final class TestLogins {
    private TestLogins() {}

    /** {@code user} with every right on every region's broker of {@code aws}. */
    public static BrokerLogin unrestricted(LocalAws aws, String user) {
        String group = groupOf(user);
        for (BrokerAccessPolicy.AccessRule rule : everything(group)) aws.grant(rule);
        return aws.putUser(user, Set.of(BrokerAccessPolicy.AUTHENTICATED, group));
    }

    /** {@code user} with every right on {@code broker} alone. */
    public static BrokerLogin unrestricted(EmbeddedBroker broker, String user) {
        String group = groupOf(user);
        for (BrokerAccessPolicy.AccessRule rule : everything(group)) broker.grant(rule);
        BrokerLogin login = new BrokerLogin(user, SandboxCredentials.newPassword());
        broker.putUser(user, login.password(), Set.of(BrokerAccessPolicy.AUTHENTICATED, group));
        return login;
    }

    private static String groupOf(String user) {
        return "test." + user;
    }

    private static java.util.List<BrokerAccessPolicy.AccessRule> everything(String group) {
        Set<String> only = Set.of(group);
        return java.util.List.of(
                new BrokerAccessPolicy.AccessRule(">", false, only, only, only),
                new BrokerAccessPolicy.AccessRule(">", true, only, only, only));
    }
}
