package io.tradewind.opsconsole.adapter.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.opsconsole.runbook.GlobalDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersResponse;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterResponse;
import software.amazon.awssdk.services.rds.model.FailoverState;
import software.amazon.awssdk.services.rds.model.FailoverStatus;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterResponse;

class RdsGlobalDatabasesTest {
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final String EAST_ARN = "arn:aws:rds:us-east-1:123456789012:cluster:trade-matching-us-east-1";
    private static final String WEST_ARN = "arn:aws:rds:us-west-2:123456789012:cluster:trade-matching-us-west-2";
    private static final String GLOBAL = "tradewind-trade-matching";

    /** A global cluster as RDS answers for it, moving its writer a few describes after being asked to. */
    private static final class GlobalClusterState {
        String writerArn = EAST_ARN;
        String movingTo;
        int describesUntilMoved;
        final List<String> calls = new ArrayList<>();

        GlobalCluster describe() {
            if (movingTo != null && describesUntilMoved-- <= 0) {
                writerArn = movingTo;
                movingTo = null;
            }
            return GlobalCluster.builder()
                    .globalClusterIdentifier(GLOBAL)
                    .status(movingTo == null ? "available" : "failing-over")
                    .failoverState(
                            movingTo == null
                                    ? null
                                    : FailoverState.builder()
                                            .status(FailoverStatus.FAILING_OVER)
                                            .toDbClusterArn(movingTo)
                                            .build())
                    .globalClusterMembers(member(EAST_ARN), member(WEST_ARN))
                    .build();
        }

        private GlobalClusterMember member(String arn) {
            return GlobalClusterMember.builder()
                    .dbClusterArn(arn)
                    .isWriter(arn.equals(writerArn))
                    .build();
        }
    }

    /** One region's RDS endpoint, which may be down. */
    private static final class FakeRds implements RdsClient {
        final String region;
        final GlobalClusterState cluster;
        boolean down;
        int describesToMove = 2;

        FakeRds(String region, GlobalClusterState cluster) {
            this.region = region;
            this.cluster = cluster;
        }

        @Override
        public DescribeGlobalClustersResponse describeGlobalClusters(DescribeGlobalClustersRequest request) {
            if (down) throw SdkClientException.create("rds." + region + " unreachable");
            assertThat(request.globalClusterIdentifier()).isEqualTo(GLOBAL);
            return DescribeGlobalClustersResponse.builder()
                    .globalClusters(cluster.describe())
                    .build();
        }

        @Override
        public SwitchoverGlobalClusterResponse switchoverGlobalCluster(SwitchoverGlobalClusterRequest request) {
            cluster.calls.add(region + " switchover " + request.globalClusterIdentifier() + " -> "
                    + request.targetDbClusterIdentifier());
            move(request.targetDbClusterIdentifier());
            return SwitchoverGlobalClusterResponse.builder().build();
        }

        @Override
        public FailoverGlobalClusterResponse failoverGlobalCluster(FailoverGlobalClusterRequest request) {
            cluster.calls.add(region + " failover " + request.globalClusterIdentifier() + " -> "
                    + request.targetDbClusterIdentifier() + " allowDataLoss=" + request.allowDataLoss());
            move(request.targetDbClusterIdentifier());
            return FailoverGlobalClusterResponse.builder().build();
        }

        private void move(String target) {
            cluster.movingTo = target;
            cluster.describesUntilMoved = describesToMove;
        }

        @Override
        public String serviceName() {
            return "rds";
        }

        @Override
        public void close() {}
    }

    /** One region's CloudWatch, holding the lag datapoints the test gives it. */
    private static final class FakeCloudWatch implements CloudWatchClient {
        final List<Datapoint> points = new ArrayList<>();
        final List<GetMetricStatisticsRequest> requests = new ArrayList<>();

        @Override
        public GetMetricStatisticsResponse getMetricStatistics(GetMetricStatisticsRequest request) {
            requests.add(request);
            return GetMetricStatisticsResponse.builder().datapoints(points).build();
        }

        @Override
        public String serviceName() {
            return "cloudwatch";
        }

        @Override
        public void close() {}
    }

    /** A clock the fake sleeper moves. */
    private static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final GlobalClusterState cluster = new GlobalClusterState();
    private final FakeRds eastRds = new FakeRds(EAST, cluster);
    private final FakeRds westRds = new FakeRds(WEST, cluster);
    private final FakeCloudWatch eastCloudWatch = new FakeCloudWatch();
    private final FakeCloudWatch westCloudWatch = new FakeCloudWatch();
    private final SteppingClock clock = new SteppingClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final RdsGlobalDatabases databases = new RdsGlobalDatabases(
            new RdsGlobalDatabases.Settings(
                    Map.of("trade-matching", GLOBAL),
                    regions(eastRds, westRds),
                    Map.of(EAST, eastCloudWatch, WEST, westCloudWatch),
                    Duration.ofMinutes(2)),
            clock,
            pause -> {
                sleeps.add(pause);
                clock.now = clock.now.plus(pause);
            });

    private static Map<String, RdsClient> regions(FakeRds... clients) {
        Map<String, RdsClient> regions = new LinkedHashMap<>();
        for (FakeRds client : clients) regions.put(client.region, client);
        return regions;
    }

    private void westLagIs(double millis) {
        westCloudWatch.points.add(Datapoint.builder()
                .timestamp(clock.now.minusSeconds(120))
                .maximum(9_999.0)
                .build());
        westCloudWatch.points.add(Datapoint.builder()
                .timestamp(clock.now.minusSeconds(60))
                .maximum(millis)
                .build());
    }

    @Test
    void theWriterIsTheRegionOfTheMemberRdsMarksAsWriter() {
        assertThat(databases.writer("trade-matching")).isEqualTo(EAST);
    }

    @Test
    void theLagIsTheSecondarysNewestReplicationLagDatapoint() {
        westLagIs(230.0);

        assertThat(databases.lagMillis("trade-matching")).isEqualTo(230);
        GetMetricStatisticsRequest asked = westCloudWatch.requests.get(0);
        assertThat(asked.namespace()).isEqualTo("AWS/RDS");
        assertThat(asked.metricName()).isEqualTo("AuroraGlobalDBReplicationLag");
        assertThat(asked.dimensions().get(0).value()).isEqualTo("trade-matching-us-west-2");
        assertThat(eastCloudWatch.requests).isEmpty();
    }

    @Test
    void anUnknownLagIsAnErrorNotZero() {
        assertThatThrownBy(() -> databases.lagMillis("trade-matching"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AuroraGlobalDBReplicationLag")
                .hasMessageContaining("unknown");
    }

    @Test
    void aSwitchoverIsAskedOfTheTargetRegionAndFollowedUntilItIsTheWriter() {
        databases.switchover("trade-matching", WEST, Duration.ofMinutes(1));

        assertThat(cluster.calls).containsExactly("us-west-2 switchover " + GLOBAL + " -> " + WEST_ARN);
        assertThat(databases.writer("trade-matching")).isEqualTo(WEST);
        assertThat(sleeps).containsExactly(RdsGlobalDatabases.POLL_INTERVAL, RdsGlobalDatabases.POLL_INTERVAL);
    }

    @Test
    void aSwitchoverToTheWriterChangesNothing() {
        databases.switchover("trade-matching", EAST, Duration.ofMinutes(1));

        assertThat(cluster.calls).isEmpty();
    }

    @Test
    void aSwitchoverThatDoesNotFinishInTimeFailsSayingWhereItStands() {
        westRds.describesToMove = 100;

        assertThatThrownBy(() -> databases.switchover("trade-matching", WEST, Duration.ofSeconds(12)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchover of trade-matching's global database " + GLOBAL + " to us-west-2")
                .hasMessageContaining("writer us-east-1")
                .hasMessageContaining("failing-over");
    }

    @Test
    void aSwitchoverThatOutlivedItsTimeoutShowsAsMovingUntilItsNewWriterTakesOver() {
        westRds.describesToMove = 3;
        assertThatThrownBy(() -> databases.switchover("trade-matching", WEST, Duration.ofSeconds(4)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(databases.writerState("trade-matching")).isEqualTo(new GlobalDatabases.WriterState(EAST, true));
        assertThat(databases.writerState("trade-matching")).isEqualTo(new GlobalDatabases.WriterState(WEST, false));
    }

    @Test
    void aFailoverWorksWithTheFailedRegionDownAndReportsTheLastLagSeenAsTheLoss() {
        eastRds.down = true;
        westLagIs(870.0);

        GlobalDatabases.FailoverLoss loss = databases.failover("trade-matching", WEST);

        assertThat(cluster.calls)
                .containsExactly("us-west-2 failover " + GLOBAL + " -> " + WEST_ARN + " allowDataLoss=true");
        assertThat(loss).isEqualTo(new GlobalDatabases.FailoverLoss(GlobalDatabases.FailoverLoss.UNCOUNTED, 870));
        assertThat(databases.writer("trade-matching")).isEqualTo(WEST);
    }

    @Test
    void noRegionAnsweringIsAClearError() {
        eastRds.down = true;
        westRds.down = true;

        assertThatThrownBy(() -> databases.writer("trade-matching"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no region's RDS endpoint describes global cluster " + GLOBAL);
    }

    @Test
    void anAppWithoutAGlobalClusterIsRefused() {
        assertThatThrownBy(() -> databases.writer("settlement-matching"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settlement-matching");
    }
}
