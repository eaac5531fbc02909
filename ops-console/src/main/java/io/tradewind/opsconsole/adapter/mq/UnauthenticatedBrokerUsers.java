package io.tradewind.opsconsole.adapter.mq;

import io.tradewind.opsconsole.participant.BrokerUsers;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brokers' users while the brokers authenticate nobody: every connection is accepted, so there is no user to
 * create and none to list. Issue 18 replaces it with the Amazon MQ user API's adapter once the brokers authenticate
 * (see {@code ParticipantWiring#brokerUsersOf}); until then onboarding says so in the log rather than pretend.
 */
public final class UnauthenticatedBrokerUsers implements BrokerUsers {
    private static final Logger log = LoggerFactory.getLogger(UnauthenticatedBrokerUsers.class);

    @Override
    public void put(String region, String user, String password, Set<String> groups) {
        log.warn("the brokers of {} authenticate nobody: {} connects without its password", region, user);
    }

    @Override
    public void remove(String region, String user) {
        // No user was created: there is none to remove.
    }

    @Override
    public List<String> users(String region) {
        return List.of();
    }
}
