package io.tradewind.model.topology;

import java.util.Arrays;
import java.util.List;

/**
 * The two matching apps, each running five stages in the active region, and the names of everything each owns. The
 * stage is named as configuration names it ({@code inbound-gateway}, {@code ingestion}, {@code matching},
 * {@code egress}, {@code outbound-gateway}).
 */
public enum App {
    TRADE_MATCHING("trade-matching"),
    SETTLEMENT_MATCHING("settlement-matching");

    private final String id;

    App(String id) {
        this.id = id;
    }

    /** The app's name, e.g. {@code trade-matching}: the prefix of everything it owns. */
    public String id() {
        return id;
    }

    /** Every app's name, trade matching first. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(App::id).toList();
    }

    /** The app named {@code id}; an unknown name is refused with the known ones. */
    public static App of(String id) {
        return Arrays.stream(values())
                .filter(app -> app.id.equals(id))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("unknown app '" + id + "'; known: " + String.join(", ", ids())));
    }

    /** The MQ queue counterparties post to: {@code trades.inbound} or {@code settlements.inbound}. */
    public String inboundQueue() {
        return this == TRADE_MATCHING ? Queues.TRADES_INBOUND : Queues.SETTLEMENTS_INBOUND;
    }

    /**
     * The MQ queues the app's inbound gateways consume, what a drain empties: its inbound queue and, for trade matching,
     * settlement matching's confirmations.
     */
    public List<String> inboundQueues() {
        return this == TRADE_MATCHING
                ? List.of(Queues.TRADES_INBOUND, Queues.SETTLEMENTS_CONFIRMATIONS)
                : List.of(Queues.SETTLEMENTS_INBOUND);
    }

    /**
     * The private MQ queue the app reports {@code participantId}'s statuses on: {@code trades.status.<participantId>}
     * or {@code settlements.status.<participantId>}.
     */
    public String statusQueueOf(String participantId) {
        return Queues.privateQueue(statusQueuePrefix(), participantId);
    }

    /** Every private status queue of the app, as an ActiveMQ wildcard: what an operator's watch reads. */
    public String everyStatusQueue() {
        return Queues.everyPrivateQueue(statusQueuePrefix());
    }

    private String statusQueuePrefix() {
        return this == TRADE_MATCHING ? Queues.TRADES_STATUS : Queues.SETTLEMENTS_STATUS;
    }

    /** The Kinesis stream a stage consumes, e.g. {@code trade-matching-ingestion}. */
    public String streamInto(String stage) {
        return component(stage);
    }

    /**
     * The name of a stage's component: its meters, its KCL application and that application's lease table, e.g.
     * {@code trade-matching-matching}. It is the name of the stream the stage consumes.
     */
    public String component(String stage) {
        return id + "-" + stage;
    }

    /** The PostgreSQL schema of the app's tables, e.g. {@code trade_matching}. */
    public String schema() {
        return id.replace('-', '_');
    }

    /** The DynamoDB global table of the inbound gateway's journal. */
    public String journalTable() {
        return AppTable.INBOUND_JOURNAL.of(id);
    }

    /** The DynamoDB table of messages the outbound gateway sent (PostgreSQL holds the app's own sent-log). */
    public String sentLogTable() {
        return AppTable.SENT_LOG.of(id);
    }

    /** The DynamoDB table, strongly consistent across regions, of every send before it is made. */
    public String sendLedgerTable() {
        return AppTable.SEND_LEDGER.of(id);
    }

    /** The DynamoDB global table of reconciliation runs for the app. */
    public String reconciliationAuditTable() {
        return AppTable.RECONCILIATION_AUDIT.of(id);
    }

    /** The routing control that lets the app's inbound gateways in {@code region} take messages from MQ. */
    public String inboundControl(String region) {
        return RoutingControls.name(id, RoutingControls.INBOUND, region);
    }

    /** The routing control that lets the app's stream stages in {@code region} process. */
    public String processingControl(String region) {
        return RoutingControls.name(id, RoutingControls.PROCESSING, region);
    }
}
