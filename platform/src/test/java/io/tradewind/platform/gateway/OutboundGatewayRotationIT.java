package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.arc.RoutingControlState;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.idempotency.DynamoDbSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.quarantine.InMemoryQuarantine;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.stream.StageRunner;
import io.tradewind.platform.stream.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The outbound gateway sending to another app through its active region while the SRE rotates that app: batches keep
 * flowing, those the rotation interrupts are retried on a connection to the new region, and every message recorded as
 * sent is on one of the two brokers.
 */
@ExtendWith(LocalAwsExtension.class)
class OutboundGatewayRotationIT {
    private static final String RECEIVER = "rotation-it";
    private static final String QUEUE = "rotation-it.inbound";
    private static final int BATCHES = 60;
    private static final int BATCH_SIZE = 10;

    @Test
    void keepsSendingEveryBatchToTheReceiversActiveRegionAcrossARotation(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        String eastControl = aws.arc().addRoutingControl(RECEIVER + "-inbound-" + east.name(), true);
        String westControl = aws.arc().addRoutingControl(RECEIVER + "-inbound-" + west.name(), false);
        AwsClientFactory clients =
                new AwsClientFactory(AwsSettings.local(east.name(), east.kinesisEndpoint(), east.dynamoDbEndpoint()));
        String sentLogTable = RECEIVER + "-sent-log";
        BrokerLogin login = TestLogins.unrestricted(aws, "rotation-it"); // its queue is outside the wire contract

        try (DynamoDbClient dynamoDb = clients.dynamoDb();
                ActiveRegionConnectionFactory receiver = JmsConnections.followingInbound(
                        RECEIVER,
                        Map.of(east.name(), east.brokerUri(), west.name(), west.brokerUri()),
                        new PlatformProperties.Arc(
                                aws.arc().endpoints(), aws.arc().controlPanelArn(), null),
                        new ArcRoutingControlReader(clients.arcCluster(aws.arc().endpoints())),
                        Duration.ofMillis(100),
                        new JmsLogin(login.user(), login.password()),
                        null);
                DynamoDbSentLog sentLog = new DynamoDbSentLog(
                        dynamoDb, sentLogTable, DependencyGuard.forDependency("dynamodb"), Clock.systemUTC());
                OnceOnlyJmsSender sender = new OnceOnlyJmsSender(receiver, sentLog);
                QueueProbe onEast = QueueProbe.on(east.brokerUri(), QUEUE, login);
                QueueProbe onWest = QueueProbe.on(west.brokerUri(), QUEUE, login)) {
            new Provisioner(null, dynamoDb).ensureTable(sentLogTable, DynamoDbSentLog.KEY);
            StageRunner<OutboundEnvelope> runner = new StageRunner<>(
                    "outbound-gateway",
                    record -> new OutboundEnvelope(RECEIVER, QUEUE, record.dataAsUtf8(), "body"),
                    new OutboundGatewayStage(Map.of(RECEIVER, sender), StageMetrics.unregistered("outbound-gateway")),
                    StageMetrics.unregistered("outbound-gateway"),
                    new InMemoryQuarantine().forStage("outbound-gateway", "test"),
                    Sleeper.THREAD,
                    Duration.ofMillis(50),
                    Duration.ofMillis(500));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.activeRegion().equals(Optional.of(east.name())));
            String run = "R" + System.currentTimeMillis() + "-"; // the sent-log outlives a run in a kept work dir

            List<String> sent = new ArrayList<>();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int b = 0; b < BATCHES; b++) {
                    List<StreamRecord> batch = new ArrayList<>();
                    for (int n = 0; n < BATCH_SIZE; n++) batch.add(record(run + b + "-" + n));
                    if (!runner.runUntilDone(batch, () -> true)) throw new AssertionError("batch " + b + " gave up");
                    synchronized (sent) {
                        batch.forEach(record -> sent.add(record.dataAsUtf8()));
                    }
                    sleep(Duration.ofMillis(20));
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> onEast.total() >= 5 * BATCH_SIZE);

            // The SRE rotates the receiver: east's inbound Off, then west's On.
            aws.arc().cluster().update(eastControl, RoutingControlState.OFF);
            aws.arc().cluster().update(westControl, RoutingControlState.ON);
            sending.get(120, TimeUnit.SECONDS);

            Set<String> all;
            synchronized (sent) {
                all = Set.copyOf(sent);
            }
            assertThat(all).hasSize(BATCHES * BATCH_SIZE);
            assertThat(sentLog.alreadySent(all))
                    .as("every message recorded as sent")
                    .isEqualTo(all);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Set<String> arrived = new HashSet<>(onEast.ids());
                arrived.addAll(onWest.ids());
                assertThat(arrived).as("every message on one of the brokers").containsAll(all);
            });
            assertThat(onWest.ids())
                    .as("the last batch went to the new region")
                    .contains(run + (BATCHES - 1) + "-0", run + (BATCHES - 1) + "-" + (BATCH_SIZE - 1));
            assertThat(onEast.ids())
                    .as("nothing reached the old region once the rotation was over")
                    .doesNotContain(run + (BATCHES - 1) + "-0");
        }
    }

    private static StreamRecord record(String messageId) {
        return new StreamRecord(
                "shard-0", messageId, messageId, Instant.EPOCH, messageId.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
