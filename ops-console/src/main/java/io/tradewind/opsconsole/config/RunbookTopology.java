package io.tradewind.opsconsole.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the runbook finds everything it reads and changes: the ARC cluster, each app's global database control, and
 * per region the broker, the AWS endpoints, the database and each app's services. {@link #sandbox()} is the local
 * sandbox's fixed endpoints.
 *
 * @param inboundQueues per app, the queues its inbound gateways consume
 */
public record RunbookTopology(
        List<URI> arcEndpoints,
        String controlPanelArn,
        URI globalDatabaseEndpoint,
        Map<String, Region> regions,
        Map<String, List<String>> inboundQueues) {

    /**
     * One region's endpoints.
     *
     * @param actuators per app, the base URL of its services' HTTP side (actuator)
     */
    public record Region(
            URI broker,
            URI kinesisEndpoint,
            URI dynamoDbEndpoint,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            Map<String, URI> actuators) {
        public Region {
            actuators = Map.copyOf(actuators);
        }
    }

    public static final String TRADE_MATCHING = "trade-matching";
    public static final String SETTLEMENT_MATCHING = "settlement-matching";

    /** The queues each app's gateways consume, by the wire contract. */
    public static final Map<String, List<String>> INBOUND_QUEUES = Map.of(
            TRADE_MATCHING, List.of("trades.inbound", "settlements.confirmations"),
            SETTLEMENT_MATCHING, List.of("settlements.inbound"));

    public RunbookTopology {
        arcEndpoints = List.copyOf(arcEndpoints);
        regions = Map.copyOf(regions);
        inboundQueues = Map.copyOf(inboundQueues);
    }

    /** The sandbox's fixed ports (README): ARC 47001-2, global databases 47005, us-east-1 471xx, us-west-2 472xx. */
    public static RunbookTopology sandbox() {
        Map<String, Region> regions = new LinkedHashMap<>();
        regions.put("us-east-1", sandboxRegion(47100, 48100));
        regions.put("us-west-2", sandboxRegion(47200, 48200));
        return new RunbookTopology(
                List.of(URI.create("http://127.0.0.1:47001"), URI.create("http://127.0.0.1:47002")),
                "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind",
                URI.create("http://127.0.0.1:47005"),
                regions,
                INBOUND_QUEUES);
    }

    private static Region sandboxRegion(int emulatorBase, int httpBase) {
        return new Region(
                URI.create("tcp://127.0.0.1:" + (emulatorBase + 1)),
                URI.create("http://127.0.0.1:" + (emulatorBase + 2)),
                URI.create("http://127.0.0.1:" + (emulatorBase + 3)),
                "jdbc:postgresql://127.0.0.1:" + (emulatorBase + 4) + "/tradewind",
                "postgres",
                "postgres",
                Map.of(
                        TRADE_MATCHING, URI.create("http://127.0.0.1:" + (httpBase + 1)),
                        SETTLEMENT_MATCHING, URI.create("http://127.0.0.1:" + (httpBase + 2))));
    }
}
