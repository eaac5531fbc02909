package io.tradewind.platform.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;

/**
 * The stage runtime on the real emulators: MQ → inbound gateway → Kinesis → KCL stage → MQ, with exact counts at the
 * outbound queue.
 */
@ExtendWith(LocalAwsExtension.class)
class SmokePipelineIT {
    private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(90);
    /** How long the outbound queue must stay quiet after the expected count before we call the count exact. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final LocalAws aws;
    private SmokePipeline pipeline;
    private QueueProbe outbound;

    SmokePipelineIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void buildPipeline() throws Exception {
        pipeline = new SmokePipeline(aws, LocalAwsConfig.PRIMARY_REGION);
        outbound = new QueueProbe(pipeline.broker, pipeline.outboundQueue);
        pipeline.gateway.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        outbound.close();
        pipeline.close();
    }

    /** Replaces the default pipeline with one built otherwise, its gateway started. */
    private void rebuildPipeline(boolean withTables, Duration checkpointInterval) throws Exception {
        outbound.close();
        pipeline.close();
        pipeline = new SmokePipeline(aws, LocalAwsConfig.PRIMARY_REGION, withTables, checkpointInterval);
        outbound = new QueueProbe(pipeline.broker, pipeline.outboundQueue);
        pipeline.gateway.start();
    }

    private static String message(String sender, int n) {
        return "{\"messageId\":\"" + sender + "-" + n + "\",\"senderId\":\"" + sender + "\",\"n\":" + n + "}";
    }

    private void post(List<String> bodies) throws Exception {
        QueueProbe.post(pipeline.broker, pipeline.inboundQueue, bodies);
    }

    private void awaitExactly(int expected) {
        await().atMost(PIPELINE_TIMEOUT).until(() -> outbound.total() >= expected);
        await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
        assertThat(outbound.total()).as("messages at the outbound queue").isEqualTo(expected);
        assertThat(outbound.duplicated()).as("message ids seen twice").isEmpty();
    }

    @Test
    void deliversEveryMessageExactlyOnceWhenSomeArePostedTwice() throws Exception {
        pipeline.gate.start();
        List<String> bodies = new ArrayList<>();
        IntStream.range(0, 200).forEach(n -> bodies.add(message("BRK001", n)));
        IntStream.range(0, 20).forEach(n -> bodies.add(message("BRK001", n * 10))); // a sender's duplicates
        bodies.add("{not json"); // journaled under the broker's id, undecodable for the forwarding stage
        // Over the contract's size: not read, journaled empty under the broker's id, undecodable too.
        bodies.add("{\"messageId\":\"BRK001-big\",\"senderId\":\"BRK001\",\"pad\":\"" + "x".repeat(400 * 1024) + "\"}");
        post(bodies);

        awaitExactly(200);
        assertThat(outbound.distinct()).isEqualTo(200);
        await().atMost(PIPELINE_TIMEOUT).until(() -> pipeline.quarantine.held().size() == 2);
        assertThat(pipeline.quarantine.held())
                .extracting(held -> new String(held.payload(), java.nio.charset.StandardCharsets.UTF_8))
                .as("what the forwarding stage could not decode: the journaled bodies, the big one unread")
                .anySatisfy(body -> assertThat(body).contains("{not json"))
                .anySatisfy(body -> assertThat(body).contains("\"body\":\"\"").contains("\"originalBytes\":4"));
        assertThat(pipeline.gateway.forwardedCount()).isEqualTo(222);
        assertThat(pipeline.gateway.duplicateCount()).isEqualTo(20);
    }

    @Test
    void consumerStoppedInTheMiddleOfABatchAndRestartedLosesNothingAndDuplicatesNothing() throws Exception {
        int messages = 400;
        post(IntStream.range(0, messages).mapToObj(n -> message("IM042", n)).toList());
        await().atMost(PIPELINE_TIMEOUT).until(() -> pipeline.gateway.forwardedCount() == messages);

        // The 130th record fails in the middle of a batch of up to 100, while the consumer is being stopped.
        Thread[] stopper = new Thread[1];
        pipeline.stage.failAfterSeen = 130;
        pipeline.stage.onFailure = () -> {
            stopper[0] = new Thread(pipeline.consumer::stop, "stopper");
            stopper[0].start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !pipeline.consumer.isRunning());
        };
        pipeline.consumer.start();
        await().atMost(PIPELINE_TIMEOUT).until(() -> stopper[0] != null);
        stopper[0].join(Duration.ofSeconds(60).toMillis());
        assertThat(pipeline.consumer.isRunning()).isFalse();
        int sentBeforeRestart = pipeline.stage.sent.get();
        assertThat(sentBeforeRestart).as("stopped part-way").isBetween(1, messages - 1);

        pipeline.consumer.start();
        awaitExactly(messages);
        assertThat(outbound.distinct()).isEqualTo(messages);
        assertThat(pipeline.stage.seen.get())
                .as("records replayed after the restart, then skipped by the sent-log")
                .isGreaterThan(messages);
        assertThat(pipeline.stage.sent.get()).isEqualTo(messages);
    }

    /** Checkpoints are spaced out, but a graceful stop (a rotation's processing-off) records everything finished. */
    @Test
    void aGracefulStopCheckpointsWhatFinishedSinceTheLastCheckpoint() throws Exception {
        rebuildPipeline(true, Duration.ofHours(1));
        pipeline.consumer.start();
        post(IntStream.range(0, 30).mapToObj(n -> message("BRK005", n)).toList());
        awaitExactly(30);
        assertThat(pipeline.consumer.checkpointedRecords())
                .as("none within the hour")
                .isZero();

        pipeline.consumer.stop();
        assertThat(pipeline.consumer.checkpointedRecords())
                .as("all, on the way out")
                .isEqualTo(30);

        pipeline.consumer.start();
        post(IntStream.range(30, 35).mapToObj(n -> message("BRK005", n)).toList());
        awaitExactly(35);
        assertThat(pipeline.stage.seen.get())
                .as("records processed, none of them twice")
                .isEqualTo(35);
    }

    /** A region back from a failover: its consumers start past what its streams held, and take what comes next. */
    @Test
    void aConsumerSkippedToTheTipTakesOnlyWhatArrivesAfterwards() throws Exception {
        pipeline.consumer.start();
        post(IntStream.range(0, 10).mapToObj(n -> message("BRK004", n)).toList());
        awaitExactly(10);
        pipeline.consumer.stop();

        post(IntStream.range(10, 25).mapToObj(n -> message("BRK004", n)).toList());
        await().atMost(PIPELINE_TIMEOUT).until(() -> pipeline.gateway.forwardedCount() == 25);
        assertThat(pipeline.skipToTip()).as("records skipped").isEqualTo(15);
        assertThat(pipeline.skipToTip()).as("a second skip finds nothing new").isZero();

        pipeline.consumer.start();
        post(IntStream.range(25, 30).mapToObj(n -> message("BRK004", n)).toList());
        awaitExactly(15);
        assertThat(outbound.ids()).contains("BRK004|BRK004-29").doesNotContain("BRK004|BRK004-10", "BRK004|BRK004-24");
    }

    @Test
    void regionGateStopsConsumptionWhenItsControlTurnsOffAndResumesWhenOn() throws Exception {
        pipeline.gate.start();
        post(IntStream.range(0, 20).mapToObj(n -> message("BRK002", n)).toList());
        awaitExactly(20);

        try (Route53RecoveryClusterClient arc = arcClient()) {
            arc.updateRoutingControlState(b ->
                    b.routingControlArn(pipeline.processingControlArn).routingControlState(RoutingControlState.OFF));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !pipeline.gate.isOpen() && !pipeline.consumer.isRunning());

            post(IntStream.range(20, 50).mapToObj(n -> message("BRK002", n)).toList());
            await().atMost(PIPELINE_TIMEOUT).until(() -> pipeline.gateway.forwardedCount() == 50);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> outbound.total() == 20);

            arc.updateRoutingControlState(b ->
                    b.routingControlArn(pipeline.processingControlArn).routingControlState(RoutingControlState.ON));
            awaitExactly(50);
            assertThat(pipeline.gate.isOpen()).isTrue();
        }
    }

    @Test
    void whileADependencyIsDownNothingIsAcknowledgedCheckpointedOrLost() throws Exception {
        rebuildPipeline(false, Duration.ofSeconds(1));
        pipeline.gate.start();
        post(IntStream.range(0, 50).mapToObj(n -> message("BRK003", n)).toList());

        // No journal: the gateway rolls every batch back, so the messages stay on the queue.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.gateway.forwardedCount() == 0);
        pipeline.createJournal();
        await().atMost(PIPELINE_TIMEOUT).until(() -> pipeline.gateway.forwardedCount() == 50);

        // No sent-log: the stage cannot send, so the consumer retries and checkpoints nothing.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> outbound.total() == 0 && pipeline.consumer.checkpointedRecords() == 0);
        pipeline.createSentLog();
        awaitExactly(50);
        assertThat(pipeline.gateway.forwardedCount()).isEqualTo(50);
    }

    private Route53RecoveryClusterClient arcClient() {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        return new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .arcCluster(aws.arc().endpoints())
                .get(1);
    }
}
