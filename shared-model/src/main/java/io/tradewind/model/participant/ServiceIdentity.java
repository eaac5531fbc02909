package io.tradewind.model.participant;

import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployable;
import java.util.Arrays;
import java.util.List;

/**
 * The identities Tradewind's own services authenticate with on the brokers. No participant may take one of these
 * names, so a message stamped with one of them came from the service.
 */
public enum ServiceIdentity {
    /** Trade matching: reads trades and confirmations, writes trade status reports and settlement instructions. */
    TRADE_MATCHING(App.TRADE_MATCHING.id()),
    /** Settlement matching: reads instructions, writes settlement status reports and confirmations. */
    SETTLEMENT_MATCHING(App.SETTLEMENT_MATCHING.id()),
    /** The ops console, the drill and the load harness: browse queues for their depth and watch the mirror topics. */
    OPERATOR(Deployable.OPS_CONSOLE.id());

    private final String user;

    ServiceIdentity(String user) {
        this.user = user;
    }

    /** The broker user name. */
    public String user() {
        return user;
    }

    /** The service identity of an app. */
    public static ServiceIdentity of(App app) {
        return app == App.TRADE_MATCHING ? TRADE_MATCHING : SETTLEMENT_MATCHING;
    }

    public static boolean isReserved(String name) {
        return Arrays.stream(values()).anyMatch(identity -> identity.user.equalsIgnoreCase(name));
    }

    public static List<String> users() {
        return Arrays.stream(values()).map(ServiceIdentity::user).toList();
    }
}
