package io.tradewind.opsconsole.adapter.rds;

import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.platform.metrics.ReplicationMetrics;
import io.tradewind.platform.resilience.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/**
 * Each app's Aurora global database on AWS, by its global cluster identifier. The writer is the member RDS marks as
 * writer; the lag is the newest {@code AuroraGlobalDBReplicationLag} CloudWatch has for the secondary cluster. A
 * switchover is {@code SwitchoverGlobalCluster} (Aurora lets the secondary catch up before it promotes it, so nothing
 * is lost); a failover is {@code FailoverGlobalCluster} with data loss allowed. Both are followed until the target is
 * the writer and no failover is in progress. Calls go to the target region's endpoints first, which answer when the
 * other region is down.
 */
public final class RdsGlobalDatabases implements GlobalDatabases {
    static final String LAG_METRIC = ReplicationMetrics.AURORA_LAG;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    /** CloudWatch publishes the lag once a minute; older than this, a datapoint says nothing about now. */
    static final Duration LAG_WINDOW = Duration.ofMinutes(3);
    /** Aurora's managed failover usually completes within a couple of minutes. */
    public static final Duration DEFAULT_FAILOVER_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @param globalClusters per app, its global cluster identifier
     * @param rds per region, an RDS client there
     * @param cloudWatch per region, a CloudWatch client there
     * @param failoverTimeout how long a failover may take to show its new writer
     */
    public record Settings(
            Map<String, String> globalClusters,
            Map<String, RdsClient> rds,
            Map<String, CloudWatchClient> cloudWatch,
            Duration failoverTimeout) {
        public Settings {
            globalClusters = Map.copyOf(globalClusters);
            rds = Map.copyOf(rds);
            cloudWatch = Map.copyOf(cloudWatch);
            if (rds.isEmpty()) throw new IllegalArgumentException("rds has no region");
            if (failoverTimeout == null || failoverTimeout.isNegative() || failoverTimeout.isZero())
                throw new IllegalArgumentException("failoverTimeout must be positive: " + failoverTimeout);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    public RdsGlobalDatabases(Settings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String writer(String app) {
        return writerOf(describe(app, null));
    }

    /**
     * Moving while the global cluster's {@code Status} says it switches or fails over, or its {@code FailoverState}
     * has a status (pending, failing-over, cancelling): a switchover that outlived the runbook's timeout shows here.
     */
    @Override
    public WriterState writerState(String app) {
        GlobalCluster cluster = describe(app, null);
        return new WriterState(writerOf(cluster), moving(cluster));
    }

    static boolean moving(GlobalCluster cluster) {
        String status = cluster.status() == null ? "" : cluster.status();
        boolean failoverUnderway =
                cluster.failoverState() != null && cluster.failoverState().status() != null;
        return failoverUnderway || status.equals("switching-over") || status.equals("failing-over");
    }

    @Override
    public long lagMillis(String app) {
        GlobalCluster cluster = describe(app, null);
        long lag = 0;
        for (GlobalClusterMember secondary : secondaries(cluster)) {
            OptionalLong newest = newestLag(secondary.dbClusterArn());
            if (newest.isEmpty())
                throw new IllegalStateException("CloudWatch has no " + LAG_METRIC + " for " + secondary.dbClusterArn()
                        + " in the last " + LAG_WINDOW.toMinutes() + " minutes: the lag of " + app
                        + "'s global database is unknown");
            lag = Math.max(lag, newest.getAsLong());
        }
        return lag;
    }

    @Override
    public void switchover(String app, String target, Duration timeout) {
        GlobalCluster cluster = describe(app, target);
        if (writerOf(cluster).equals(target)) return;
        String targetArn = memberIn(cluster, target);
        rdsIn(target).switchoverGlobalCluster(b -> b.globalClusterIdentifier(globalCluster(app))
                .targetDbClusterIdentifier(targetArn));
        awaitWriter(app, target, timeout, "switchover");
    }

    @Override
    public FailoverLoss failover(String app, String target) {
        GlobalCluster cluster = describe(app, target);
        if (writerOf(cluster).equals(target)) return new FailoverLoss(0, 0);
        String targetArn = memberIn(cluster, target);
        // The last lag CloudWatch saw is what the failover gives up; Aurora does not count the changes themselves.
        long lostMillis = newestLag(targetArn).orElse(-1);
        rdsIn(target).failoverGlobalCluster(b -> b.globalClusterIdentifier(globalCluster(app))
                .targetDbClusterIdentifier(targetArn)
                .allowDataLoss(true));
        awaitWriter(app, target, settings.failoverTimeout(), "failover");
        return new FailoverLoss(FailoverLoss.UNCOUNTED, lostMillis);
    }

    private void awaitWriter(String app, String target, Duration timeout, String operation) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            GlobalCluster cluster = describe(app, target);
            boolean settled =
                    cluster.failoverState() == null || cluster.failoverState().status() == null;
            if (settled && writerOf(cluster).equals(target)) return;
            if (!clock.instant().isBefore(deadline))
                throw new IllegalStateException(String.format(
                        "%s of %s's global database %s to %s did not finish within %s: writer %s, status %s%s;"
                                + " RDS may still be running it",
                        operation,
                        app,
                        globalCluster(app),
                        target,
                        timeout,
                        writerOf(cluster),
                        cluster.status(),
                        settled
                                ? ""
                                : ", failover state " + cluster.failoverState().statusAsString()));
            try {
                sleeper.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the " + operation + " of " + app, e);
            }
        }
    }

    private String globalCluster(String app) {
        String id = settings.globalClusters().get(app);
        if (id == null) throw new IllegalArgumentException("no global cluster is configured for app " + app);
        return id;
    }

    /** The global cluster as RDS describes it, asking the {@code preferred} region first, then the others. */
    private GlobalCluster describe(String app, String preferred) {
        String id = globalCluster(app);
        List<SdkException> failures = new ArrayList<>();
        for (String region : regionsPreferring(preferred)) {
            try {
                return rdsIn(region)
                        .describeGlobalClusters(b -> b.globalClusterIdentifier(id))
                        .globalClusters()
                        .stream()
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("RDS knows no global cluster " + id));
            } catch (SdkException e) {
                failures.add(e);
            }
        }
        IllegalStateException unavailable =
                new IllegalStateException("no region's RDS endpoint describes global cluster " + id);
        failures.forEach(unavailable::addSuppressed);
        throw unavailable;
    }

    private List<String> regionsPreferring(String preferred) {
        List<String> regions = new ArrayList<>(settings.rds().keySet());
        regions.sort(Comparator.<String, Boolean>comparing(region -> !region.equals(preferred))
                .thenComparing(Comparator.naturalOrder()));
        return regions;
    }

    private RdsClient rdsIn(String region) {
        RdsClient client = settings.rds().get(region);
        if (client == null) throw new IllegalArgumentException("no RDS client for region " + region);
        return client;
    }

    private static String writerOf(GlobalCluster cluster) {
        return cluster.globalClusterMembers().stream()
                .filter(member -> Boolean.TRUE.equals(member.isWriter()))
                .map(member -> regionOf(member.dbClusterArn()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "global cluster " + cluster.globalClusterIdentifier() + " has no writer"));
    }

    private static List<GlobalClusterMember> secondaries(GlobalCluster cluster) {
        return cluster.globalClusterMembers().stream()
                .filter(member -> !Boolean.TRUE.equals(member.isWriter()))
                .toList();
    }

    private static String memberIn(GlobalCluster cluster, String region) {
        return cluster.globalClusterMembers().stream()
                .map(GlobalClusterMember::dbClusterArn)
                .filter(arn -> regionOf(arn).equals(region))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "global cluster " + cluster.globalClusterIdentifier() + " has no member in " + region));
    }

    private static String regionOf(String clusterArn) {
        return Arn.fromString(clusterArn).region().orElseThrow();
    }

    /** The newest replication lag CloudWatch has for the cluster, in its region, if it has one from the last minutes. */
    private OptionalLong newestLag(String clusterArn) {
        CloudWatchClient cloudWatch = settings.cloudWatch().get(regionOf(clusterArn));
        if (cloudWatch == null) return OptionalLong.empty();
        Instant now = clock.instant();
        String clusterId = Arn.fromString(clusterArn).resource().resource();
        Optional<Datapoint> newest = cloudWatch
                .getMetricStatistics(b -> b.namespace("AWS/RDS")
                        .metricName(LAG_METRIC)
                        .dimensions(Dimension.builder()
                                .name("DBClusterIdentifier")
                                .value(clusterId)
                                .build())
                        .startTime(now.minus(LAG_WINDOW))
                        .endTime(now)
                        .period(60)
                        .statistics(Statistic.MAXIMUM))
                .datapoints()
                .stream()
                .max(Comparator.comparing(Datapoint::timestamp));
        return newest.map(point -> OptionalLong.of(Math.round(point.maximum()))).orElse(OptionalLong.empty());
    }
}
