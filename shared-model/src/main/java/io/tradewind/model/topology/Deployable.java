package io.tradewind.model.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What Tradewind ships: one container image per deployable, named {@code tradewind/<deployable>}. Each matching app's
 * image runs one stage per ECS service on AWS; the generator, reconciliation-replay and the ops console are command
 * lines.
 */
public enum Deployable {
    TRADE_MATCHING(App.TRADE_MATCHING.id(), true),
    SETTLEMENT_MATCHING(App.SETTLEMENT_MATCHING.id(), true),
    /** Posts as the counterparties it posts for, with their own logins: it has no broker user of its own. */
    TRADE_GENERATOR("trade-generator", false),
    /** Reads the journal and writes the ingestion stream: it never talks to a broker. */
    RECONCILIATION_REPLAY("reconciliation-replay", false),
    /** The operator: browses and moves queues, and manages the participants' broker users. */
    OPS_CONSOLE("ops-console", true);

    /** What every image's name starts with; a registry goes before it. */
    public static final String IMAGE_PREFIX = "tradewind/";

    private final String id;
    private final boolean brokerUser;

    Deployable(String id, boolean brokerUser) {
        this.id = id;
        this.brokerUser = brokerUser;
    }

    /** The deployable's name, e.g. {@code trade-matching}: its image's, its log group's and its services' prefix. */
    public String id() {
        return id;
    }

    /** Its image without registry or tag, e.g. {@code tradewind/trade-matching}. */
    public String image() {
        return IMAGE_PREFIX + id;
    }

    /** The matching app it runs, if it is one. */
    public Optional<App> app() {
        return Arrays.stream(App.values()).filter(app -> app.id().equals(id)).findFirst();
    }

    /** The broker user its services log in as (its own name), if it has one. */
    public Optional<String> brokerUser() {
        return brokerUser ? Optional.of(id) : Optional.empty();
    }

    /** Every deployable's name. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Deployable::id).toList();
    }

    /** The deployable that runs {@code app}. */
    public static Deployable of(App app) {
        return app == App.TRADE_MATCHING ? TRADE_MATCHING : SETTLEMENT_MATCHING;
    }

    /** Every broker user of Tradewind's own services, as each region's brokers have them. */
    public static List<String> brokerUsers() {
        return Arrays.stream(values())
                .flatMap(deployable -> deployable.brokerUser().stream())
                .toList();
    }
}
