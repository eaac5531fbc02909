package io.tradewind.opsconsole.adapter.dynamodb;

import static io.tradewind.localaws.LocalAwsConfig.PRIMARY_REGION;
import static io.tradewind.localaws.LocalAwsConfig.SECONDARY_REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RotationLease.Lease;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rotation lease in both emulated regions' DynamoDB, its table strongly consistent across them as on AWS: what one
 * region's taker holds, the other region's is refused, naming the holder.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbRotationLeaseIT {
    private static final Duration TTL = Duration.ofMinutes(2);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final Map<String, DynamoDbClient> dynamoDbs = new LinkedHashMap<>();

    @BeforeEach
    void connect(LocalAws aws) {
        for (EmulatedRegion region : aws.regions())
            dynamoDbs.put(
                    region.name(), dynamoDbAt(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()));
        giveUpWhatIsHeld();
    }

    @AfterEach
    void close() {
        // The emulators are the JVM's: a lease left held would refuse the next test class's rotations.
        giveUpWhatIsHeld();
        dynamoDbs.values().forEach(DynamoDbClient::close);
    }

    /** No lease afterwards: what a test left is given up as its holder would. */
    private void giveUpWhatIsHeld() {
        lease(PRIMARY_REGION, NOW).current().ifPresent(left -> lease(PRIMARY_REGION, NOW)
                .release(left));
    }

    private static DynamoDbClient dynamoDbAt(String region, URI kinesis, URI dynamoDb) {
        return new AwsClientFactory(AwsSettings.local(region, kinesis, dynamoDb)).dynamoDb();
    }

    /** The lease as seen from {@code region}, judging expiry at {@code now}. */
    private RotationLease lease(String region, Instant now) {
        return new DynamoDbRotationLease(dynamoDbs, Clock.fixed(now, ZoneOffset.UTC)).preferring(region);
    }

    @Test
    void aLeaseTakenInOneRegionIsRefusedInTheOtherNamingItsHolder() {
        Lease taken = lease(SECONDARY_REGION, NOW).acquire("execution-1", "sre-a", TTL);

        assertThatThrownBy(() -> lease(PRIMARY_REGION, NOW.plusSeconds(1)).acquire("execution-2", "sre-b", TTL))
                .isInstanceOf(RotationLease.LeaseHeldException.class)
                .hasMessageContaining("execution-1")
                .hasMessageContaining("sre-a")
                .satisfies(e -> assertThat(((RotationLease.LeaseHeldException) e).held())
                        .isEqualTo(taken));
        assertThat(lease(PRIMARY_REGION, NOW).current()).contains(taken);
    }

    @Test
    void anExpiredLeaseIsTakenByAnotherExecutionAndItsFormerHolderCannotRenewIt() {
        Lease first = lease(PRIMARY_REGION, NOW).acquire("execution-1", "sre-a", TTL);

        Lease second = lease(SECONDARY_REGION, NOW.plus(TTL)).acquire("execution-2", "sre-b", TTL);

        assertThat(second.expiresAt()).isEqualTo(NOW.plus(TTL).plus(TTL));
        assertThatThrownBy(() -> lease(PRIMARY_REGION, NOW.plus(TTL)).renew(first, TTL))
                .isInstanceOf(RotationLease.LeaseHeldException.class)
                .hasMessageContaining("execution-2");
    }

    @Test
    void renewingExtendsTheLeaseAndReleasingFreesIt() {
        Lease taken = lease(PRIMARY_REGION, NOW).acquire("execution-1", "sre-a", TTL);

        Lease renewed = lease(SECONDARY_REGION, NOW.plusSeconds(30)).renew(taken, TTL);

        assertThat(renewed.expiresAt()).isEqualTo(NOW.plusSeconds(30).plus(TTL));
        assertThat(lease(PRIMARY_REGION, NOW).current()).contains(renewed);
        lease(SECONDARY_REGION, NOW).release(renewed);
        assertThat(lease(PRIMARY_REGION, NOW).current()).isEmpty();
        assertThat(lease(PRIMARY_REGION, NOW)
                        .acquire("execution-2", "sre-b", TTL)
                        .holder())
                .isEqualTo("sre-b");
    }

    @Test
    void theSameExecutionTakesItsOwnUnexpiredLeaseOverAndAStaleReleaseFreesNothing() {
        Lease taken = lease(PRIMARY_REGION, NOW).acquire("execution-1", "sre-a", TTL);

        Lease resumed = lease(SECONDARY_REGION, NOW.plusSeconds(5)).acquire("execution-1", "sre-b", TTL);
        lease(PRIMARY_REGION, NOW).release(new Lease("execution-0", "sre-z", NOW));

        assertThat(resumed.holder()).isEqualTo("sre-b");
        assertThat(lease(PRIMARY_REGION, NOW).current()).contains(resumed);
        assertThat(taken.executionId()).isEqualTo(resumed.executionId());
    }

    @Test
    void whenThePreferredRegionDoesNotAnswerTheOtherIsAsked() {
        Map<String, DynamoDbClient> oneDown = new LinkedHashMap<>(dynamoDbs);
        DynamoDbClient unreachable =
                dynamoDbAt(PRIMARY_REGION, URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9"));
        oneDown.put(PRIMARY_REGION, unreachable);
        try {
            RotationLease lease =
                    new DynamoDbRotationLease(oneDown, Clock.fixed(NOW, ZoneOffset.UTC)).preferring(PRIMARY_REGION);

            Lease taken = lease.acquire("execution-1", "sre-a", TTL);

            assertThat(lease(SECONDARY_REGION, NOW).current()).contains(taken);
        } finally {
            unreachable.close();
        }
    }
}
