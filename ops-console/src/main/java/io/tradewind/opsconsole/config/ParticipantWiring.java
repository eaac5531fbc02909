package io.tradewind.opsconsole.config;

import io.tradewind.opsconsole.adapter.mq.AmazonMqBrokerUsers;
import io.tradewind.opsconsole.participant.BrokerUsers;
import io.tradewind.opsconsole.participant.Onboarding;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Onboarding wired to a topology: the participant registry in one region's DynamoDB (a global table, so the other
 * regions get what is written there) and the broker users of every region. Close it to release the clients.
 */
public final class ParticipantWiring implements AutoCloseable {
    private final Onboarding onboarding;
    private final AutoCloseable resources;

    private ParticipantWiring(Onboarding onboarding, AutoCloseable resources) {
        this.onboarding = onboarding;
        this.resources = resources;
    }

    /**
     * Onboarding against {@code topology}, writing the registry in {@code registryRegion} (null: the first of its
     * regions by name, the same on every run) and the broker users of every region. In the sandbox it creates the registry's table if it is missing;
     * on AWS Terraform has.
     *
     * @throws IllegalArgumentException when the topology has no such region
     */
    public static ParticipantWiring open(RunbookTopology topology, String registryRegion) {
        return open(topology.regions(), topology.aws(), registryRegion);
    }

    /**
     * Onboarding against these regions' endpoints (the sandbox's, the load test's), on AWS or on emulators; see {@link
     * #open(RunbookTopology, String)}.
     */
    public static ParticipantWiring open(
            Map<String, RunbookTopology.Region> regions, boolean onAws, String registryRegion) {
        return open(regions, onAws, registryRegion, brokerUsersOf(regions, onAws));
    }

    /** The same with these broker users (a test's, or another adapter). */
    public static ParticipantWiring open(
            Map<String, RunbookTopology.Region> regions,
            boolean onAws,
            String registryRegion,
            BrokerUsers brokerUsers) {
        List<String> names = regions.keySet().stream().sorted().toList();
        if (names.isEmpty()) throw new IllegalArgumentException("no region to onboard participants in");
        String region = registryRegion != null ? registryRegion : names.get(0);
        RunbookTopology.Region endpoints = regions.get(region);
        if (endpoints == null) throw new IllegalArgumentException("unknown region " + region + "; known: " + names);
        AwsSettings settings = onAws
                ? AwsSettings.aws(region, endpoints.kinesisEndpoint(), endpoints.dynamoDbEndpoint())
                : AwsSettings.local(region, endpoints.kinesisEndpoint(), endpoints.dynamoDbEndpoint());
        DynamoDbClient dynamoDb = new AwsClientFactory(settings).dynamoDb();
        try {
            DynamoDbParticipantRegistry registry = DynamoDbParticipantRegistry.of(dynamoDb);
            if (!onAws) registry.provision();
            return new ParticipantWiring(new Onboarding(registry, brokerUsers, names, Clock.systemUTC()), () -> {
                try (dynamoDb) {
                    if (brokerUsers instanceof AutoCloseable closeable) closeable.close();
                }
            });
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
    }

    /** Wiring around an onboarding already made, for tests of what uses it. */
    public static ParticipantWiring of(Onboarding onboarding) {
        return new ParticipantWiring(onboarding, () -> {});
    }

    /**
     * The broker users of these regions through Amazon MQ's user API: each region's {@code mqApi} (the sandbox's
     * emulation of it) with its {@code brokerIds}; on AWS, Amazon MQ's endpoint of each region and the SDK's default
     * credentials.
     */
    static AmazonMqBrokerUsers brokerUsersOf(Map<String, RunbookTopology.Region> regions, boolean onAws) {
        if (onAws) {
            Map<String, List<String>> brokerIds = new LinkedHashMap<>();
            regions.forEach((name, region) -> brokerIds.put(name, region.brokerIds()));
            return AmazonMqBrokerUsers.onAws(brokerIds);
        }
        Map<String, AmazonMqBrokerUsers.Region> apis = new LinkedHashMap<>();
        regions.forEach((name, region) -> {
            if (region.mqApi() == null)
                throw new IllegalArgumentException("region " + name + " names no mqApi to keep its broker users with");
            apis.put(name, new AmazonMqBrokerUsers.Region(region.mqApi(), region.brokerIds()));
        });
        return AmazonMqBrokerUsers.inSandbox(apis);
    }

    public Onboarding onboarding() {
        return onboarding;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the participant registry's client failed", e);
        }
    }
}
