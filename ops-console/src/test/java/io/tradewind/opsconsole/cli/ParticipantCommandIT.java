package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.opsconsole.cli.ConsoleAgainstEmulators.Result;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ops-console participant} against two emulated regions from a topology file: what it writes in one region's
 * registry reaches the other's, and an id is onboarded once.
 */
@ExtendWith(LocalAwsExtension.class)
class ParticipantCommandIT {
    private final LocalAws aws;
    private final Path topology;
    /** Ids of this test's own: the registry's table is shared by every test of the JVM. */
    private final String id =
            "IT" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();

    ParticipantCommandIT(LocalAws aws) throws Exception {
        this.aws = aws;
        this.topology = Files.createDirectories(Path.of("target", "participant-command-it"))
                .resolve(id + "-topology.json");
        new ObjectMapper().writeValue(topology.toFile(), ConsoleAgainstEmulators.topologyOf(aws));
    }

    @Test
    void addsListsSuspendsAndResumesThroughTheRegistryOfBothRegions() throws Exception {
        Result added = run("participant", "add", id, "--role", "BROKER", "--role", "INVESTMENT_MANAGER");
        Result again = run("participant", "add", id, "--role", "BROKER");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("onboarded " + id + " (BROKER,INVESTMENT_MANAGER) in us-east-1, us-west-2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("participant " + id + " exists already (BROKER,INVESTMENT_MANAGER, ACTIVE)");

        // Written in us-east-1 (the first region by name); us-west-2 holds it once the global table has replicated.
        try (DynamoDbClient eastClient = dynamoDbOf(LocalAwsConfig.PRIMARY_REGION);
                DynamoDbClient westClient = dynamoDbOf(LocalAwsConfig.SECONDARY_REGION)) {
            DynamoDbParticipantRegistry east = DynamoDbParticipantRegistry.of(eastClient);
            DynamoDbParticipantRegistry west = DynamoDbParticipantRegistry.of(westClient);
            await().atMost(Duration.ofSeconds(10)).until(() -> west.find(id).isPresent());
            assertThat(west.find(id).orElseThrow().roles())
                    .containsExactlyInAnyOrder(Role.BROKER, Role.INVESTMENT_MANAGER);

            assertThat(run("participant", "suspend", id, "--region", LocalAwsConfig.SECONDARY_REGION)
                            .exit())
                    .isZero();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> east.find(id).orElseThrow().status() == ParticipantStatus.SUSPENDED);
        }
        assertThat(run("participant", "list").out().lines().filter(line -> line.startsWith(id + " ")))
                .singleElement()
                .asString()
                .contains("BROKER,INVESTMENT_MANAGER", "SUSPENDED");
        assertThat(run("participant", "resume", id).out()).contains("ACTIVE");
        assertThat(run("participant", "suspend", "NOBODY-" + id).err())
                .isEqualToIgnoringNewLines("no participant NOBODY-" + id + " in the registry");
    }

    private DynamoDbClient dynamoDbOf(String regionName) {
        EmulatedRegion region = aws.region(regionName);
        return new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .dynamoDb();
    }

    /** Runs the command line against the emulators' topology; a change signed in as the ITs' operator. */
    private Result run(String... args) {
        List<String> withTopology = new ArrayList<>(List.of(args));
        withTopology.addAll(List.of("--topology", topology.toString()));
        if (!args[1].equals("list"))
            withTopology.addAll(ConsoleAgainstEmulators.operatorLogin(topology.resolveSibling(id + "-login")));
        return ConsoleAgainstEmulators.run(withTopology);
    }
}
