package io.tradewind.opsconsole.config;

import static java.util.stream.Collectors.toUnmodifiableMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.model.topology.SandboxEndpoints;
import io.tradewind.platform.config.PlatformProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the runbook finds everything it reads and changes: the ARC cluster, each app's global database, and per region
 * the broker, the AWS endpoints, the database and each app's services. {@link #sandbox()} is the local sandbox's fixed
 * endpoints; {@link #read(Path)} reads another (AWS's) from a JSON file of the same shape.
 *
 * @param globalDatabaseEndpoint the sandbox's emulated global databases; null on AWS
 * @param auroraGlobalClusters on AWS, per app, the identifier of its Aurora global cluster; empty in the sandbox. When
 *     set, the AWS clients use the SDK's default endpoints (where a region gives none) and credentials
 * @param inboundQueues per app, the queues its inbound gateways consume (default: the wire contract's)
 * @param brokerTruststore what the brokers' {@code ssl://} URLs are trusted by (the sandbox's with {@code --tls}:
 *     {@code {"path": ".../tls/truststore.p12", "passwordFile": ".../tls/truststore.password"}}); null: the JDK's trust
 *     store, which trusts Amazon MQ's certificates on AWS
 * @param routingControlArns {@code name=arn} of each routing control, as Terraform's output lists them: on AWS a
 *     control's ARN ends in a generated id; a control not listed (the sandbox's) is {@code
 *     <controlPanelArn>/routingcontrol/<name>}
 */
public record RunbookTopology(
        List<URI> arcEndpoints,
        String controlPanelArn,
        URI globalDatabaseEndpoint,
        Map<String, String> auroraGlobalClusters,
        Map<String, Region> regions,
        Map<String, List<String>> inboundQueues,
        PlatformProperties.Truststore brokerTruststore,
        List<String> routingControlArns) {

    /**
     * One region's endpoints.
     *
     * @param kinesisEndpoint null on AWS: the SDK's default
     * @param dynamoDbEndpoint null on AWS: the SDK's default
     * @param actuators per app, the base URL of its services' HTTP side (actuator)
     * @param mqApi the Amazon MQ API that manages the region's broker users (onboarding); null on AWS: the SDK's
     *     default
     * @param brokerIds the region's brokers by Amazon MQ broker id, whose users onboarding keeps in step
     */
    public record Region(
            URI broker,
            URI kinesisEndpoint,
            URI dynamoDbEndpoint,
            String jdbcUrl,
            String dbUser,
            String dbPassword,
            Map<String, URI> actuators,
            URI mqApi,
            List<String> brokerIds) {
        public Region {
            if (broker == null) throw new IllegalArgumentException("a region's broker is not set");
            actuators = actuators == null ? Map.of() : Map.copyOf(actuators);
            brokerIds = brokerIds == null ? List.of() : List.copyOf(brokerIds);
        }

        /** Never the database password: a topology is printed and logged. */
        @Override
        public String toString() {
            return "Region[broker=" + broker + ", kinesisEndpoint=" + kinesisEndpoint + ", dynamoDbEndpoint="
                    + dynamoDbEndpoint + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", dbPassword="
                    + (dbPassword == null ? null : "***") + ", actuators=" + actuators + "]";
        }

        /** A region whose broker users nobody manages from here (the runbook alone needs none). */
        public Region(
                URI broker,
                URI kinesisEndpoint,
                URI dynamoDbEndpoint,
                String jdbcUrl,
                String dbUser,
                String dbPassword,
                Map<String, URI> actuators) {
            this(broker, kinesisEndpoint, dynamoDbEndpoint, jdbcUrl, dbUser, dbPassword, actuators, null, List.of());
        }
    }

    /** The Amazon MQ broker id of a sandbox region's one broker: its name, as local-aws starts it. */
    public static String sandboxBrokerId(String region) {
        return "tradewind-" + region;
    }

    /** The queues each app's gateways consume, by the wire contract. */
    public static final Map<String, List<String>> INBOUND_QUEUES =
            Arrays.stream(App.values()).collect(toUnmodifiableMap(App::id, App::inboundQueues));

    /** A topology whose routing controls' ARNs all derive from the panel's (the sandbox's). */
    public RunbookTopology(
            List<URI> arcEndpoints,
            String controlPanelArn,
            URI globalDatabaseEndpoint,
            Map<String, String> auroraGlobalClusters,
            Map<String, Region> regions,
            Map<String, List<String>> inboundQueues,
            PlatformProperties.Truststore brokerTruststore) {
        this(
                arcEndpoints,
                controlPanelArn,
                globalDatabaseEndpoint,
                auroraGlobalClusters,
                regions,
                inboundQueues,
                brokerTruststore,
                null);
    }

    @JsonCreator
    public RunbookTopology {
        if (arcEndpoints == null || arcEndpoints.isEmpty()) throw new IllegalArgumentException("arcEndpoints is empty");
        if (controlPanelArn == null || controlPanelArn.isBlank())
            throw new IllegalArgumentException("controlPanelArn is not set");
        if (regions == null || regions.size() < 2)
            throw new IllegalArgumentException("regions must name at least two regions: " + regions);
        auroraGlobalClusters = auroraGlobalClusters == null ? Map.of() : Map.copyOf(auroraGlobalClusters);
        if ((globalDatabaseEndpoint == null) == auroraGlobalClusters.isEmpty())
            throw new IllegalArgumentException("set exactly one of globalDatabaseEndpoint (the sandbox) and"
                    + " auroraGlobalClusters (AWS): " + globalDatabaseEndpoint + ", " + auroraGlobalClusters);
        arcEndpoints = List.copyOf(arcEndpoints);
        regions = Map.copyOf(regions);
        inboundQueues = inboundQueues == null ? INBOUND_QUEUES : Map.copyOf(inboundQueues);
        routingControlArns = routingControlArns == null ? List.of() : List.copyOf(routingControlArns);
        arc(); // a routing control entry that is not name=arn is refused now, naming it
    }

    /** ARC as the runbook reaches it: the cluster, the panel and each control's ARN. */
    public PlatformProperties.Arc arc() {
        return new PlatformProperties.Arc(arcEndpoints, controlPanelArn, routingControlArns);
    }

    /** Real AWS rather than the sandbox: Aurora global clusters, default endpoints and credentials. */
    public boolean aws() {
        return !auroraGlobalClusters.isEmpty();
    }

    /** Reads a topology from a JSON file with this record's fields (README: the runbook on AWS). */
    public static RunbookTopology read(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), RunbookTopology.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the topology in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a topology from JSON text of the same shape as {@link #read}'s file (the console's environment). */
    public static RunbookTopology parse(String json) {
        try {
            return new ObjectMapper().readValue(json, RunbookTopology.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the topology: " + e.getMessage(), e);
        }
    }

    /**
     * The topology as JSON that {@link #read} and {@link #parse} read back: what the sandbox hands its console. It holds
     * the databases' passwords, so whoever writes it keeps it readable by its owner only.
     */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode arc = root.putArray("arcEndpoints");
        arcEndpoints.forEach(uri -> arc.add(uri.toString()));
        root.put("controlPanelArn", controlPanelArn);
        if (globalDatabaseEndpoint != null) root.put("globalDatabaseEndpoint", globalDatabaseEndpoint.toString());
        ObjectNode clusters = root.putObject("auroraGlobalClusters");
        auroraGlobalClusters.forEach(clusters::put);
        ObjectNode regionsNode = root.putObject("regions");
        regions.forEach((name, region) -> {
            ObjectNode node = regionsNode.putObject(name);
            node.put("broker", region.broker().toString());
            if (region.kinesisEndpoint() != null)
                node.put("kinesisEndpoint", region.kinesisEndpoint().toString());
            if (region.dynamoDbEndpoint() != null)
                node.put("dynamoDbEndpoint", region.dynamoDbEndpoint().toString());
            node.put("jdbcUrl", region.jdbcUrl());
            node.put("dbUser", region.dbUser());
            node.put("dbPassword", region.dbPassword());
            ObjectNode actuatorsNode = node.putObject("actuators");
            region.actuators().forEach((app, uri) -> actuatorsNode.put(app, uri.toString()));
            if (region.mqApi() != null) node.put("mqApi", region.mqApi().toString());
            ArrayNode ids = node.putArray("brokerIds");
            region.brokerIds().forEach(ids::add);
        });
        ObjectNode queues = root.putObject("inboundQueues");
        inboundQueues.forEach((app, names) -> {
            ArrayNode list = queues.putArray(app);
            names.forEach(list::add);
        });
        if (brokerTruststore != null) {
            ObjectNode truststore = root.putObject("brokerTruststore");
            truststore.put("path", brokerTruststore.path().toString());
            if (brokerTruststore.password() != null) truststore.put("password", brokerTruststore.password());
            if (brokerTruststore.passwordFile() != null)
                truststore.put("passwordFile", brokerTruststore.passwordFile().toString());
            truststore.put("type", brokerTruststore.type());
        }
        ArrayNode arns = root.putArray("routingControlArns");
        routingControlArns.forEach(arns::add);
        return root.toPrettyString();
    }

    /** The sandbox's fixed endpoints ({@link SandboxEndpoints}, README), per region. */
    public static RunbookTopology sandbox() {
        Map<String, Region> regions = new LinkedHashMap<>();
        SandboxEndpoints.regions().forEach(region -> regions.put(region.name(), sandboxRegion(region)));
        return new RunbookTopology(
                SandboxEndpoints.arcEndpoints(),
                "arn:aws:route53-recovery-control::000000000000:controlpanel/" + RoutingControls.CONTROL_PANEL,
                SandboxEndpoints.globalDatabaseEndpoint(),
                Map.of(),
                regions,
                INBOUND_QUEUES,
                null);
    }

    private static Region sandboxRegion(SandboxEndpoints.Region region) {
        return new Region(
                region.broker(),
                region.kinesis(),
                region.dynamoDb(),
                region.jdbcUrl(),
                SandboxEndpoints.DATABASE_USER,
                // The emulator's password, no secret.
                SandboxEndpoints.DATABASE_USER,
                Map.of(
                        App.TRADE_MATCHING.id(), region.actuator(App.TRADE_MATCHING),
                        App.SETTLEMENT_MATCHING.id(), region.actuator(App.SETTLEMENT_MATCHING)),
                region.mqApi(),
                List.of(sandboxBrokerId(region.name())));
    }
}
