package io.tradewind.model.topology;

import java.util.List;

/** The five stages of an app, as configuration names them; every stage but the inbound gateway consumes a stream. */
public final class Stages {
    /** Takes messages from the app's inbound MQ queue, journals them and puts them on the ingestion stream. */
    public static final String INBOUND_GATEWAY = "inbound-gateway";
    /** Decodes and validates what the inbound gateway took in. */
    public static final String INGESTION = "ingestion";
    /** Pairs and matches. */
    public static final String MATCHING = "matching";
    /** Turns outcomes into the messages the app sends. */
    public static final String EGRESS = "egress";
    /** Sends those messages to MQ, once. */
    public static final String OUTBOUND_GATEWAY = "outbound-gateway";
    /** Every stage, in the order a message passes them. */
    public static final List<String> ALL = List.of(INBOUND_GATEWAY, INGESTION, MATCHING, EGRESS, OUTBOUND_GATEWAY);
    /** The stages that consume a Kinesis stream ({@link App#streamInto}), in the order a message passes them. */
    public static final List<String> STREAM_CONSUMERS = ALL.subList(1, ALL.size());

    private Stages() {}
}
