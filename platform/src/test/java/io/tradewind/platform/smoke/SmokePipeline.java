package io.tradewind.platform.smoke;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.wire.Envelope;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.gateway.JmsInboundGateway;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.platform.gateway.OnceOnlyJmsSender;
import io.tradewind.platform.gateway.OutboundMessage;
import io.tradewind.platform.idempotency.DynamoDbSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.quarantine.InMemoryQuarantine;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.resilience.UndecodableRecordException;
import io.tradewind.platform.stream.KclClients;
import io.tradewind.platform.stream.KclLeaseTable;
import io.tradewind.platform.stream.KclStageConsumer;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.StageRunner;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A minimal pipeline built only from platform parts, on one emulated region: MQ queue → inbound gateway (journal,
 * stream) → KCL consumer running a forwarding stage → outbound queue through the once-only sender, with the consumer
 * behind a region gate. Each instance has its own names so tests sharing one sandbox do not see each other.
 */
final class SmokePipeline implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    final String name;
    final String inboundQueue;
    final String outboundQueue;
    final String processingControlArn;
    final ConnectionFactory broker;
    final JmsInboundGateway gateway;
    final KclStageConsumer<String> consumer;
    final RegionGate gate;
    final ForwardingStage stage;

    /** What the gateway and the forwarding stage took out of the flow. */
    final InMemoryQuarantine quarantine = new InMemoryQuarantine();

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final OnceOnlyJmsSender sender;
    private final DynamoDbSentLog sentLog;
    private final KclClients kclClients;
    private final Provisioner provisioner;
    private final String journalTable;
    private final String sentLogTable;

    SmokePipeline(LocalAws aws, String regionName) {
        this(aws, regionName, true, Duration.ofSeconds(1));
    }

    /**
     * @param withTables false leaves the journal and sent-log tables out, as if DynamoDB were unreachable
     * @param checkpointInterval the consumer's least time between two checkpoints of a shard
     */
    SmokePipeline(LocalAws aws, String regionName, boolean withTables, Duration checkpointInterval) {
        name = "smoke" + INSTANCES.incrementAndGet();
        EmulatedRegion region = aws.region(regionName);
        AwsClientFactory clients = new AwsClientFactory(
                AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()));
        kinesis = clients.kinesis();
        dynamoDb = clients.dynamoDb();
        String stream = name + "-stream";
        journalTable = name + "-inbound-journal";
        sentLogTable = name + "-sent-log";
        provisioner = new Provisioner(kinesis, dynamoDb);
        provisioner.ensureStream(stream, 2);
        if (withTables) {
            createJournal();
            createSentLog();
        }

        inboundQueue = name + ".inbound";
        outboundQueue = name + ".outbound";
        // Its own queues are outside the wire contract: a user that may use any destination.
        BrokerLogin login = TestLogins.unrestricted(aws, name);
        broker = JmsConnections.activeMq(region.brokerUri(), new JmsLogin(login.user(), login.password()));
        gateway = new JmsInboundGateway(
                JmsInboundGateway.Settings.of(name + "-inbound-gateway", inboundQueue),
                broker,
                new DynamoDbInboundJournal(
                        dynamoDb, journalTable, region.name(), DependencyGuard.forDependency("dynamodb")),
                new KinesisPublisher(kinesis, stream, DependencyGuard.forDependency("kinesis")).aggregating(50 * 1024),
                InboundKeys.bySender(body -> null),
                Clock.systemUTC(),
                StageMetrics.unregistered(name + "-inbound-gateway"),
                quarantine.forStage("inbound-gateway", inboundQueue));

        sentLog = new DynamoDbSentLog(
                dynamoDb, sentLogTable, DependencyGuard.forDependency("dynamodb"), Clock.systemUTC());
        sender = new OnceOnlyJmsSender(broker, sentLog);
        stage = new ForwardingStage(sender, outboundQueue);
        StageRunner<String> runner = new StageRunner<>(
                name + "-forward",
                record -> {
                    String body = InboundRecord.decode(record.data()).body();
                    if (Envelope.peek(body).isEmpty()) throw new UndecodableRecordException("no sender or messageId");
                    return body;
                },
                stage,
                StageMetrics.unregistered(name + "-forward"),
                quarantine.forStage("forward", stream),
                Sleeper.THREAD,
                Duration.ofMillis(50),
                Duration.ofMillis(500));
        KclStageConsumer.Settings settings = new KclStageConsumer.Settings(
                name + "-forward",
                stream,
                name + "-worker",
                Duration.ofMillis(200),
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                checkpointInterval,
                "NONE");
        kclClients = KclClients.from(clients);
        consumer = new KclStageConsumer<>(settings, runner, kclClients);

        processingControlArn = aws.arc().addRoutingControl(name + "-processing-" + region.name(), true);
        gate = new RegionGate(
                processingControlArn,
                new ArcRoutingControlReader(clients.arcCluster(aws.arc().endpoints())),
                Duration.ofMillis(200),
                List.of(consumer));
    }

    /** Moves the consumer's leases past what the stream holds now (a restored region's streams rejoining). */
    long skipToTip() {
        return KclLeaseTable.skipToTip(kinesis, dynamoDb, name + "-forward", name + "-stream");
    }

    void createJournal() {
        provisioner.ensureTable(journalTable, DynamoDbInboundJournal.KEY);
    }

    void createSentLog() {
        provisioner.ensureTable(sentLogTable, DynamoDbSentLog.KEY);
    }

    @Override
    public void close() {
        gate.close();
        consumer.stop();
        kclClients.close();
        gateway.stop();
        sender.close();
        sentLog.close();
        kinesis.close();
        dynamoDb.close();
    }

    /**
     * Forwards each record to the outbound queue under its journal key, one record at a time so that progress within
     * a batch is durable record by record. A test can make it stop after a given number of records: it then fails
     * the rest of that batch, as a process dying mid-batch would.
     */
    static final class ForwardingStage implements Stage<String> {
        private final OnceOnlyJmsSender sender;
        private final String queue;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        volatile int failAfterSeen = Integer.MAX_VALUE;
        volatile Runnable onFailure = () -> {};

        ForwardingStage(OnceOnlyJmsSender sender, String queue) {
            this.sender = sender;
            this.queue = queue;
        }

        @Override
        public void process(List<String> batch) {
            for (String body : batch) {
                if (seen.incrementAndGet() > failAfterSeen) {
                    failAfterSeen = Integer.MAX_VALUE;
                    onFailure.run();
                    throw new IllegalStateException("injected failure in the middle of a batch");
                }
                String id = Envelope.peek(body).orElseThrow().journalKey();
                sent.addAndGet(sender.sendAll(List.of(new OutboundMessage(queue, id, body))));
            }
        }
    }
}
