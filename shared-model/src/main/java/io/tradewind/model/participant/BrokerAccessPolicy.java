package io.tradewind.model.participant;

import io.tradewind.model.topology.Queues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each identity may do on a broker, as ActiveMQ's authorization plugin (and Amazon MQ's broker configuration)
 * expresses it: groups of users, and per destination the groups that may read, write and administer (create) it.
 *
 * <ul>
 *   <li>A participant is in the group of each of its roles and in its own group, {@code participant.<id>}. A role may
 *       write only the inbound queue of that role; a participant may read (and create) only its own status queues.
 *   <li>Each service is in its own group, {@code service.<name>}. Trade matching reads {@code trades.inbound} and
 *       {@code settlements.confirmations} and writes trade status reports and settlement instructions; only settlement
 *       matching writes {@code settlements.confirmations}.
 *   <li>The operator identity browses every queue (for its depth), reads and creates the status queues (a watcher may
 *       come before the first report) and watches the mirror topics. It writes only the
 *       apps' inbound queues, to move what the runbook forwards from one region's broker to the other's and what the
 *       quarantine desk releases; a moved message carries its first sender in {@code forwardedFor}.
 *   <li>Every authenticated user may use the advisory topics a JMS client subscribes to on its own.
 * </ul>
 *
 * The shared queues are created with the broker; no participant may create or delete them.
 */
public final class BrokerAccessPolicy {
    /** The group of every authenticated user. */
    public static final String AUTHENTICATED = "authenticated";

    /** The prefix of ActiveMQ's advisory topics, which JMS clients watch on their own. */
    static final String ADVISORY_TOPICS = "ActiveMQ.Advisory.>";
    /**
     * What the broker puts before a queue's name to name the topic it mirrors the queue to ({@code
     * VirtualTopic.Mirror.<queue>}): ActiveMQ's default, which the sandbox's broker uses and Amazon MQ's configuration
     * names.
     */
    public static final String MIRROR_TOPIC_PREFIX = "VirtualTopic.Mirror.";
    /** The topics the broker mirrors every queue to. */
    static final String MIRROR_TOPICS = MIRROR_TOPIC_PREFIX + ">";

    /**
     * One authorization entry.
     *
     * @param destination a queue or topic name, or an ActiveMQ wildcard ({@code >} matches the rest)
     * @param topic whether {@code destination} names topics
     */
    public record AccessRule(
            String destination, boolean topic, Set<String> read, Set<String> write, Set<String> admin) {
        public AccessRule {
            read = Set.copyOf(read);
            write = Set.copyOf(write);
            admin = Set.copyOf(admin);
        }
    }

    private BrokerAccessPolicy() {}

    /** The group a participant is in beside its roles' groups. */
    public static String groupOf(String participantId) {
        return "participant." + participantId;
    }

    public static String groupOf(ServiceIdentity service) {
        return "service." + service.user();
    }

    /** The groups of a participant's broker user. */
    public static Set<String> groupsOf(Participant participant) {
        Set<String> groups = new TreeSet<>();
        groups.add(AUTHENTICATED);
        participant.roles().forEach(role -> groups.add(role.name()));
        groups.add(groupOf(participant.id().value()));
        return groups;
    }

    /** The groups of a service's broker user. */
    public static Set<String> groupsOf(ServiceIdentity service) {
        return new TreeSet<>(Set.of(AUTHENTICATED, groupOf(service)));
    }

    /** The queues every broker holds from its start, so no participant needs the right to create them. */
    public static List<String> sharedQueues() {
        return List.of(Queues.TRADES_INBOUND, Queues.SETTLEMENTS_INBOUND, Queues.SETTLEMENTS_CONFIRMATIONS);
    }

    /** The entries for the broker's services and for these participants (suspended ones included: they are answered). */
    public static List<AccessRule> rules(Collection<String> participantIds) {
        String tradeMatching = groupOf(ServiceIdentity.TRADE_MATCHING);
        String settlementMatching = groupOf(ServiceIdentity.SETTLEMENT_MATCHING);
        String operator = groupOf(ServiceIdentity.OPERATOR);
        List<AccessRule> rules = new ArrayList<>();
        rules.add(queue(
                Queues.TRADES_INBOUND,
                Set.of(tradeMatching, operator),
                Set.of(Role.BROKER.name(), Role.INVESTMENT_MANAGER.name(), operator),
                Set.of(tradeMatching)));
        rules.add(queue(
                Queues.SETTLEMENTS_INBOUND,
                Set.of(settlementMatching, operator),
                Set.of(Role.SETTLEMENT_DESK.name(), tradeMatching, operator),
                Set.of(settlementMatching)));
        rules.add(queue(
                Queues.SETTLEMENTS_CONFIRMATIONS,
                Set.of(tradeMatching, operator),
                Set.of(settlementMatching, operator),
                Set.of(tradeMatching)));
        // The operator may create a status queue too: watching or browsing one nobody has written yet creates it.
        rules.add(queue(
                Queues.everyPrivateQueue(Queues.TRADES_STATUS),
                Set.of(operator),
                Set.of(tradeMatching),
                Set.of(tradeMatching, operator)));
        rules.add(queue(
                Queues.everyPrivateQueue(Queues.SETTLEMENTS_STATUS),
                Set.of(operator),
                Set.of(settlementMatching),
                Set.of(settlementMatching, operator)));
        for (String id : new TreeSet<>(participantIds)) {
            Set<String> own = Set.of(groupOf(id));
            rules.add(queue(Queues.tradesStatusOf(id), own, Set.of(), own));
            rules.add(queue(Queues.settlementsStatusOf(id), own, Set.of(), own));
        }
        Set<String> services = new LinkedHashSet<>(List.of(tradeMatching, settlementMatching, operator));
        rules.add(new AccessRule(MIRROR_TOPICS, true, Set.of(operator), services, services));
        Set<String> everyone = Set.of(AUTHENTICATED);
        rules.add(new AccessRule(ADVISORY_TOPICS, true, everyone, everyone, everyone));
        return List.copyOf(rules);
    }

    private static AccessRule queue(String name, Set<String> read, Set<String> write, Set<String> admin) {
        return new AccessRule(name, false, read, write, admin);
    }
}
