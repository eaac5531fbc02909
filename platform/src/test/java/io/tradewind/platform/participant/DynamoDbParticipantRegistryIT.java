package io.tradewind.platform.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The registry on two regions' emulated DynamoDB, whose participant table is a global table as on AWS: written in one
 * region, read in either. Each test uses participant ids of its own, since the table is the real one.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbParticipantRegistryIT {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private final String prefix =
            "P" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final DynamoDbParticipantRegistry east;
    private final DynamoDbParticipantRegistry west;

    DynamoDbParticipantRegistryIT(LocalAws aws) {
        east = DynamoDbParticipantRegistry.of(dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION)));
        west = DynamoDbParticipantRegistry.of(dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION)));
        east.provision();
    }

    private DynamoDbClient dynamoDb(EmulatedRegion region) {
        DynamoDbClient client = new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .dynamoDb();
        closing.add(client);
        return client;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : closing) client.close();
    }

    private Participant participant(String suffix, Role... roles) {
        return Participant.onboard(new ParticipantId(prefix + suffix), Set.of(roles), T);
    }

    @Test
    void holdsWhatWasAddedWithItsRolesStatusAndTimes() {
        Participant both = participant("-BOTH", Role.BROKER, Role.INVESTMENT_MANAGER);
        east.add(both);

        assertThat(east.find(both.id().value())).contains(both);
        assertThat(east.list()).contains(both);
    }

    @Test
    void refusesAnIdItHoldsAndKeepsTheFirst() {
        Participant first = participant("-DUP", Role.BROKER);
        east.add(first);

        assertThatThrownBy(() -> east.add(participant("-DUP", Role.SETTLEMENT_DESK)))
                .isInstanceOf(ParticipantExistsException.class)
                .hasMessage("participant " + prefix + "-DUP exists already");
        assertThat(east.find(first.id().value())).contains(first);
    }

    @Test
    void findsABatchOfSendersLargerThanOneReadAndSkipsWhatIsNoParticipantId() {
        List<String> ids = IntStream.range(0, 130)
                .mapToObj(i -> {
                    Participant participant = participant("-B" + i, Role.INVESTMENT_MANAGER);
                    east.add(participant);
                    return participant.id().value();
                })
                .toList();
        List<String> asked = new ArrayList<>(ids);
        asked.add(prefix + "-NOBODY");
        asked.add("not an id|");
        asked.add("");
        asked.add("X".repeat(5_000)); // DynamoDB would refuse such a key: it is never asked
        asked.add(ids.get(0));

        assertThat(east.findAll(asked)).containsOnlyKeys(ids);
    }

    @Test
    void suspendsAndResumesAndLeavesAnUnchangedStatusAsItWas() {
        Participant participant = participant("-S", Role.BROKER);
        east.add(participant);
        String id = participant.id().value();

        Participant suspended = east.setStatus(id, ParticipantStatus.SUSPENDED, T.plusSeconds(60));
        Participant again = east.setStatus(id, ParticipantStatus.SUSPENDED, T.plusSeconds(120));
        Participant resumed = east.setStatus(id, ParticipantStatus.ACTIVE, T.plusSeconds(180));

        assertThat(suspended.status()).isEqualTo(ParticipantStatus.SUSPENDED);
        assertThat(suspended.changedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(again).isEqualTo(suspended);
        assertThat(resumed)
                .isEqualTo(new Participant(
                        participant.id(), participant.roles(), ParticipantStatus.ACTIVE, T, T.plusSeconds(180)));
    }

    @Test
    void refusesToChangeTheStatusOfAnUnknownParticipant() {
        assertThatThrownBy(() -> east.setStatus(prefix + "-NOBODY", ParticipantStatus.SUSPENDED, T))
                .isInstanceOf(UnknownParticipantException.class)
                .hasMessage("no participant " + prefix + "-NOBODY in the registry");
        assertThat(east.find(prefix + "-NOBODY")).isEmpty();
    }

    @Test
    void whatOneRegionWritesTheOtherRegionReadsAfterTheReplicationLag() {
        Participant participant = participant("-GLOBAL", Role.SETTLEMENT_DESK);
        east.add(participant);
        east.setStatus(participant.id().value(), ParticipantStatus.SUSPENDED, T.plusSeconds(1));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(west.find(participant.id().value()))
                        .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(ParticipantStatus.SUSPENDED)));
    }
}
