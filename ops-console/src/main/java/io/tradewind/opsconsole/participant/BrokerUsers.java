package io.tradewind.opsconsole.participant;

import java.util.List;
import java.util.Set;

/**
 * The users of a region's brokers (Amazon MQ's user API; in the sandbox, its emulation of it): who may connect, with
 * which password, in which groups (see {@link io.tradewind.model.participant.BrokerAccessPolicy}).
 */
public interface BrokerUsers {

    /** Creates the user on every broker of {@code region}, or replaces its password and groups. */
    void put(String region, String user, String password, Set<String> groups);

    /** Removes the user from every broker of {@code region}; a user that is not there is no error. */
    void remove(String region, String user);

    /** The user names of {@code region}'s brokers. */
    List<String> users(String region);
}
