package io.tradewind.platform.stream;

import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.resilience.BoundedStop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * Consumes one stream with KCL 3.5 in polling mode and runs a stage over each batch: decode, process (the stage
 * publishes its outputs), and only then checkpoint. A batch that fails is retried until it succeeds; a batch abandoned
 * because the consumer is stopping is never checkpointed, and neither is anything after it, so a restart replays from
 * exactly the first unfinished record.
 *
 * <p>Checkpoints are written at most once per {@code checkpointInterval} per shard (the newest finished record then),
 * and always when the consumer stops gracefully. Each one is a write to the lease table, which the region's DynamoDB
 * serves beside the journal (in the sandbox, on one SQLite thread). Checkpointing later never acknowledges unfinished
 * work; after a crash, a new owner replays at most an interval of finished records, which every stage makes a no-op.
 */
public final class KclStageConsumer<T> implements GatedComponent {
    private static final Logger log = LoggerFactory.getLogger(KclStageConsumer.class);

    /**
     * @param applicationName KCL's application name, which is also its lease table's name
     * @param workerId stable across restarts, so a restarted worker takes its own leases back at once
     * @param idleTimeBetweenReads pause between polls of an idle shard (200 ms is KCL's floor)
     * @param maxRecordsPerBatch upper bound of one GetRecords call in Kinesis records, aggregates counting once
     * @param failoverTime how long a lease lives without renewal before another worker may take it
     * @param checkpointInterval the least time between two checkpoints of a shard; zero checkpoints every batch
     * @param metricsLevel what KCL reports of itself to CloudWatch, under {@code applicationName}: {@code NONE},
     *     {@code SUMMARY} or {@code DETAILED}
     */
    public record Settings(
            String applicationName,
            String streamName,
            String workerId,
            Duration idleTimeBetweenReads,
            int maxRecordsPerBatch,
            Duration failoverTime,
            Duration shutdownTimeout,
            Duration checkpointInterval,
            String metricsLevel) {

        public Settings {
            if (checkpointInterval.isNegative())
                throw new IllegalArgumentException("checkpointInterval " + checkpointInterval + " is negative");
            level(metricsLevel);
        }

        private static MetricsLevel level(String name) {
            try {
                return MetricsLevel.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("metricsLevel " + name + " is not a KCL metrics level", e);
            }
        }

        public static Settings of(String applicationName, String streamName, String workerId) {
            return new Settings(
                    applicationName,
                    streamName,
                    workerId,
                    Duration.ofMillis(200),
                    1_000,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1),
                    MetricsLevel.NONE.name());
        }
    }

    private final Settings settings;
    private final StageRunner<T> runner;
    private final KclClients clients;
    private final AtomicLong checkpointedRecords = new AtomicLong();

    private volatile boolean running;
    private Scheduler scheduler;
    private volatile Thread schedulerThread;

    /** @param clients shared with the process's other consumers; not closed by this one */
    public KclStageConsumer(Settings settings, StageRunner<T> runner, KclClients clients) {
        this.settings = settings;
        this.runner = runner;
        this.clients = clients;
    }

    @Override
    public String name() {
        return runner.stageName() + " <- " + settings.streamName();
    }

    /** Records whose batch was processed and checkpointed, since this object was made. */
    public long checkpointedRecords() {
        return checkpointedRecords.get();
    }

    @Override
    public synchronized void start() {
        if (running) return;
        prepareLeaseTable();
        scheduler = newScheduler();
        running = true;
        schedulerThread = new Thread(scheduler, "kcl " + settings.applicationName());
        schedulerThread.setDaemon(true);
        schedulerThread.start();
        log.info("{} started as worker {}", name(), settings.workerId());
    }

    /**
     * Stops gracefully: KCL asks each shard's processor to finish its batch, then releases the leases. A batch still
     * retrying a failed dependency is abandoned without a checkpoint. Falls back to an abrupt shutdown on timeout.
     */
    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        try {
            boolean done = scheduler
                    .startGracefulShutdown()
                    .get(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!done) log.warn("{}: graceful shutdown did not complete; shutting down", name());
        } catch (TimeoutException e) {
            log.warn("{}: graceful shutdown timed out after {}; shutting down", name(), settings.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("{}: graceful shutdown failed; shutting down", name(), e);
        }
        scheduler.shutdown();
        BoundedStop.join(List.of(schedulerThread), settings.shutdownTimeout(), name());
        log.info("{} stopped", name());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started and its KCL scheduler still running: a scheduler that died takes no more leases. */
    @Override
    public boolean isReady() {
        Thread thread = schedulerThread;
        return running && thread != null && thread.isAlive();
    }

    private void prepareLeaseTable() {
        KinesisClient kinesisSync = clients.kinesisSync();
        DynamoDbClient dynamoSync = clients.dynamoDbSync();
        new Provisioner(kinesisSync, dynamoSync).ensureTable(KclLeaseTable.definition(settings.applicationName()));
        int seeded =
                KclLeaseTable.seedLeases(kinesisSync, dynamoSync, settings.applicationName(), settings.streamName());
        if (seeded > 0) log.info("{}: seeded {} leases at TRIM_HORIZON", name(), seeded);
    }

    /**
     * KCL's own metrics: none, or at the configured level to CloudWatch through the shared client, under the KCL
     * application's name (its metrics name no application, so one namespace per stage keeps them apart).
     */
    private MetricsConfig metrics(MetricsConfig config) {
        MetricsLevel level = Settings.level(settings.metricsLevel());
        if (level == MetricsLevel.NONE) return config.metricsLevel(level).metricsFactory(new NullMetricsFactory());
        return config.metricsLevel(level);
    }

    private Scheduler newScheduler() {
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(
                        settings.streamName(),
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                settings.applicationName(),
                clients.kinesis(),
                clients.dynamoDb(),
                clients.cloudWatch(),
                settings.workerId(),
                () -> new StageRecordProcessor());
        PollingConfig polling = new PollingConfig(settings.streamName(), clients.kinesis())
                .idleTimeBetweenReadsInMillis(settings.idleTimeBetweenReads().toMillis())
                .maxRecords(settings.maxRecordsPerBatch());
        long failoverMillis = settings.failoverTime().toMillis();
        var leases = configs.leaseManagementConfig()
                .failoverTimeMillis(failoverMillis)
                // A new worker gets its leases within two seconds. Each assignment scans two tables: at 500 ms,
                // ten consumers' scans cost the sandbox's DynamoDB emulator a tenth of a core even while idle.
                .leaseAssignmentIntervalMillis(2_000L)
                .shardSyncIntervalMillis(30_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(5_000);
        leases.workerUtilizationAwareAssignmentConfig()
                .inMemoryWorkerMetricsCaptureFrequencyMillis(100)
                // Not below ~1.5 s: lease assignment treats a worker as dead after two missed reports.
                .workerMetricsReporterFreqInMillis(2_000);
        var coordinator = configs.coordinatorConfig()
                .shardConsumerDispatchPollIntervalMillis(100)
                .parentShardPollIntervalMillis(1_000)
                .schedulerInitializationBackoffTimeMillis(200)
                .skipShardSyncAtWorkerInitializationIfLeasesExist(true);
        return new Scheduler(
                configs.checkpointConfig(),
                coordinator,
                leases,
                configs.lifecycleConfig(),
                metrics(configs.metricsConfig()),
                // Empty polls too, so the lag meter reads 0 once a stage has caught up (the runbook's drain reads it).
                configs.processorConfig().callProcessRecordsEvenForEmptyRecordList(true),
                configs.retrievalConfig().retrievalSpecificConfig(polling));
    }

    /** One shard's processor: the only code that touches KCL's callbacks. */
    private final class StageRecordProcessor implements ShardRecordProcessor {
        private String shardId;
        /** Set once a batch was abandoned: nothing after it may be processed or checkpointed by this processor. */
        private boolean abandoned;
        /** The newest record whose batch finished but is not checkpointed yet, and how many records that covers. */
        private KinesisClientRecord finished;

        private long finishedRecords;
        private long lastCheckpointNanos = System.nanoTime();

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            log.info("{}: shard {} from {}", name(), shardId, input.extendedSequenceNumber());
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            if (input.millisBehindLatest() != null) runner.metrics().lag(input.millisBehindLatest());
            if (abandoned) return;
            if (!input.records().isEmpty()) {
                List<StreamRecord> batch = new ArrayList<>(input.records().size());
                for (KinesisClientRecord record : input.records()) batch.add(toStreamRecord(record));
                boolean done;
                try {
                    done = runner.runUntilDone(batch, () -> running);
                } catch (Error e) {
                    // What the runner does not retry (out of memory, a stack overflow). KCL would log it and hand
                    // over the next batch, whose checkpoint would cover this one: this processor stops here instead,
                    // and the shard's next owner (after a restart) replays from the last checkpoint.
                    abandoned = true;
                    log.error(
                            "{}: shard {} batch of {} failed; nothing more is processed or checkpointed here",
                            name(),
                            shardId,
                            batch.size(),
                            e);
                    throw e;
                }
                if (!done) {
                    abandoned = true;
                    log.warn(
                            "{}: shard {} batch of {} abandoned while stopping; it will be replayed",
                            name(),
                            shardId,
                            batch.size());
                    return;
                }
                finished = input.records().get(input.records().size() - 1);
                finishedRecords += batch.size();
            }
            // Empty polls come every idle interval, so a quiet shard's last batch is checkpointed soon after it ends.
            if (System.nanoTime() - lastCheckpointNanos
                    >= settings.checkpointInterval().toNanos()) checkpointFinished(input.checkpointer());
        }

        private void checkpointFinished(RecordProcessorCheckpointer checkpointer) {
            if (finished == null) return;
            try {
                checkpointer.checkpoint(finished.sequenceNumber(), finished.subSequenceNumber());
                checkpointedRecords.addAndGet(finishedRecords);
                finished = null;
                finishedRecords = 0;
                lastCheckpointNanos = System.nanoTime();
            } catch (ShutdownException e) {
                // The lease moved on; the new owner replays from our last checkpoint, which is harmless.
                abandoned = true;
                log.warn(
                        "{}: shard {} lease lost before checkpoint; finished records will be replayed",
                        name(),
                        shardId);
            } catch (InvalidStateException e) {
                abandoned = true;
                throw new IllegalStateException("checkpoint of shard " + shardId + " failed", e);
            }
        }

        private StreamRecord toStreamRecord(KinesisClientRecord record) {
            byte[] data = new byte[record.data().remaining()];
            record.data().duplicate().get(data);
            Instant arrived = record.approximateArrivalTimestamp();
            return new StreamRecord(
                    shardId, record.sequenceNumber(), record.subSequenceNumber(), record.partitionKey(), arrived, data);
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            log.info("{}: lease of shard {} lost", name(), shardId);
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            // Every record of the shard was processed; KCL requires this final checkpoint, which covers them all.
            try {
                input.checkpointer().checkpoint();
                checkpointedRecords.addAndGet(finishedRecords);
                finished = null;
                finishedRecords = 0;
            } catch (ShutdownException | InvalidStateException e) {
                throw new IllegalStateException("end-of-shard checkpoint of " + shardId + " failed", e);
            }
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            // Still holding the lease: record what finished since the last checkpoint, so a graceful stop (a
            // rotation's processing-off) leaves nothing to replay.
            if (!abandoned) checkpointFinished(input.checkpointer());
            log.debug("{}: shard {} shutting down", name(), shardId);
        }
    }
}
