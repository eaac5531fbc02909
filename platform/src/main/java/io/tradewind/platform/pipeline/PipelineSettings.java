package io.tradewind.platform.pipeline;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The settings every app's pipeline shares, read from {@code tradewind.<app>.*}; unset values take the defaults below.
 *
 * @param stages which stages this process runs (default: all five)
 * @param shards shards per stream when the process creates them (default 2)
 * @param maxRecordsPerBatch most Kinesis records a consumer reads per batch (default 500); each may be an aggregate of
 *     up to 50 KiB of events, so a batch caught up from a backlog holds more events than this
 * @param inboundConsumers concurrent consumers of the inbound queue (default 1, which keeps each sender's messages in
 *     the order sent; more trade that for throughput, as several gateway tasks on AWS would)
 * @param idleTimeBetweenReads how long a consumer waits after an empty read (default 200 ms, kinesalite's floor)
 * @param routingControlPollInterval how often the region gates read their routing controls (default 1 s)
 * @param checkpointInterval the least time between two checkpoints of a shard (default 1 s; a crash replays at most
 *     that much finished work, which the stages make a no-op)
 * @param kclMetricsLevel what KCL reports of itself to CloudWatch: {@code NONE} (the default, and the sandbox's, which
 *     has no CloudWatch), {@code SUMMARY} or {@code DETAILED}
 */
public record PipelineSettings(
        List<String> stages,
        Integer shards,
        Integer maxRecordsPerBatch,
        Integer inboundConsumers,
        Duration idleTimeBetweenReads,
        Duration routingControlPollInterval,
        Duration checkpointInterval,
        String kclMetricsLevel) {

    /** The levels KCL knows, as {@code tradewind.<app>.kcl-metrics-level} names them. */
    public static final List<String> KCL_METRICS_LEVELS = List.of("NONE", "SUMMARY", "DETAILED");

    public PipelineSettings {
        if (kclMetricsLevel != null && !KCL_METRICS_LEVELS.contains(kclMetricsLevel))
            throw new IllegalArgumentException(
                    "kcl-metrics-level " + kclMetricsLevel + " is not one of " + KCL_METRICS_LEVELS);
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(null, null, null, null, null, null, null, null);
    }

    public Set<StageName> selectedStages() {
        if (stages == null || stages.isEmpty()) return EnumSet.allOf(StageName.class);
        EnumSet<StageName> selected = EnumSet.noneOf(StageName.class);
        stages.forEach(name -> selected.add(StageName.of(name)));
        return selected;
    }

    public int shardsOrDefault() {
        return shards == null ? 2 : shards;
    }

    public int maxRecordsPerBatchOrDefault() {
        return maxRecordsPerBatch == null ? 500 : maxRecordsPerBatch;
    }

    public int inboundConsumersOrDefault() {
        return inboundConsumers == null ? 1 : inboundConsumers;
    }

    public Duration idleTimeBetweenReadsOrDefault() {
        return idleTimeBetweenReads == null ? Duration.ofMillis(200) : idleTimeBetweenReads;
    }

    public Duration routingControlPollIntervalOrDefault() {
        return routingControlPollInterval == null ? Duration.ofSeconds(1) : routingControlPollInterval;
    }

    public String kclMetricsLevelOrDefault() {
        return kclMetricsLevel == null ? "NONE" : kclMetricsLevel;
    }

    public Duration checkpointIntervalOrDefault() {
        return checkpointInterval == null ? Duration.ofSeconds(1) : checkpointInterval;
    }
}
