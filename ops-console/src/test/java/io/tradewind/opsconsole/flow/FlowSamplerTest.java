package io.tradewind.opsconsole.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.opsconsole.runbook.RoutingControls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowSamplerTest {
    private static final List<String> STAGES = List.of("inbound-gateway", "ingestion");

    /** A clock the test moves: each sample is two seconds after the last. */
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-07T10:00:00Z"));

    private final Map<String, ServiceReading> readings = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();
    private final CountDownLatch releaseHanging = new CountDownLatch(1);
    private volatile String hanging;
    private final Map<String, Boolean> controls = new ConcurrentHashMap<>(Map.of(
            "trade-matching-inbound-us-east-1", true,
            "trade-matching-processing-us-east-1", true,
            "trade-matching-inbound-us-west-2", false,
            "trade-matching-processing-us-west-2", false,
            "generator", true));

    private final FlowSampler sampler = new FlowSampler(
            new FlowSampler.Sources(
                    (app, region) -> {
                        String key = app + "@" + region;
                        if (key.equals(hanging)) {
                            try {
                                releaseHanging.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        RuntimeException failure = failing.get(key);
                        if (failure != null) throw failure;
                        return readings.get(key);
                    },
                    new RoutingControls() {
                        @Override
                        public boolean isOn(String controlName) {
                            return controls.get(controlName);
                        }

                        @Override
                        public void set(Map<String, Boolean> states) {
                            throw new UnsupportedOperationException();
                        }
                    },
                    new Queues() {
                        @Override
                        public long depth(String region, String queue) {
                            return region.equals("us-east-1") ? 7 : 0;
                        }

                        @Override
                        public int forward(String from, String to, String queue) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public String sendText(String region, String queue, String body) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public String sendBytes(String region, String queue, byte[] body) {
                            throw new UnsupportedOperationException();
                        }
                    },
                    new GlobalDatabases() {
                        @Override
                        public String writer(String app) {
                            return "us-east-1";
                        }

                        @Override
                        public long lagMillis(String app) {
                            return 9_000;
                        }

                        @Override
                        public void switchover(String app, String target, Duration timeout) {}

                        @Override
                        public FailoverLoss failover(String app, String target) {
                            return null;
                        }
                    },
                    List::of,
                    (app, region, limit) -> List.of(),
                    List::of),
            new FlowSampler.Settings(
                    List.of("trade-matching"),
                    List.of("us-east-1", "us-west-2"),
                    STAGES,
                    List.copyOf(controls.keySet()),
                    List.of("trades.inbound"),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(300),
                    Duration.ofSeconds(10),
                    1,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5)),
            clock);

    @AfterEach
    void close() {
        releaseHanging.countDown();
        sampler.close();
    }

    @Test
    void turnsEachStagesCounterIntoARateAndKeepsTheLastMinutesForTheChart() {
        read("us-east-1", 100, 0);
        read("us-west-2", 0, -1);
        sampler.sample();
        clock.advance(Duration.ofSeconds(2));
        read("us-east-1", 140, 250);
        FlowSample sample = sampler.sample();

        FlowSample.StageFlow ingestion =
                sample.service("trade-matching", "us-east-1").stages().get(1);
        assertThat(ingestion.stage()).isEqualTo("ingestion");
        assertThat(ingestion.recordsPerSecond()).isEqualTo(20.0);
        assertThat(ingestion.lagMillis()).isEqualTo(250);
        assertThat(ingestion.history())
                .extracting(FlowSample.Point::recordsPerSecond)
                .containsExactly(0.0, 20.0);
        assertThat(sample.controls()).containsEntry("trade-matching-inbound-us-east-1", true);
        assertThat(sample.queueDepths()).containsEntry("us-east-1", Map.of("trades.inbound", 7L));

        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(2));
            sampler.sample();
        }
        assertThat(sampler.latest()
                        .service("trade-matching", "us-east-1")
                        .stages()
                        .get(1)
                        .history())
                .as("ten seconds of points, no more")
                .hasSizeLessThanOrEqualTo(6)
                .allSatisfy(point ->
                        assertThat(point.at()).isAfterOrEqualTo(clock.instant().minusSeconds(10)));
    }

    @Test
    void aRegionThatStopsAnsweringKeepsItsLastNumbersAndSaysSinceWhenWhileTheOtherStaysLive() {
        read("us-east-1", 100, 0);
        read("us-west-2", 5, 0);
        sampler.sample();
        clock.advance(Duration.ofSeconds(2));
        Instant lostAt = clock.instant();
        failing.put("trade-matching@us-west-2", new IllegalStateException("connection refused"));
        read("us-east-1", 160, 0);
        sampler.sample();
        clock.advance(Duration.ofSeconds(2));
        read("us-east-1", 200, 0);
        FlowSample sample = sampler.sample();

        FlowSample.AppRegion west = sample.service("trade-matching", "us-west-2");
        assertThat(west.reachable()).isFalse();
        assertThat(west.unreachableSince()).isEqualTo(lostAt);
        assertThat(west.error()).isEqualTo("connection refused");
        assertThat(west.stages().get(0).recordsIn()).as("its last numbers").isEqualTo(5);
        assertThat(west.stages().get(0).recordsPerSecond()).isZero();
        FlowSample.AppRegion east = sample.service("trade-matching", "us-east-1");
        assertThat(east.reachable()).isTrue();
        assertThat(east.stages().get(0).recordsPerSecond()).isEqualTo(20.0);
        assertThat(sample.alerts())
                .filteredOn(alert -> alert.kind() == FlowSample.Alert.Kind.UNREACHABLE)
                .singleElement()
                .satisfies(
                        alert -> assertThat(alert.text()).contains("us-west-2").contains(lostAt.toString()));

        failing.clear();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sampler.sample().service("trade-matching", "us-west-2").reachable())
                .as("back once it answers")
                .isTrue();
    }

    @Test
    void aRegionThatHangsDoesNotHoldTheSampleAndIsNotAskedAgainUntilItAnswers() {
        read("us-east-1", 100, 0);
        read("us-west-2", 5, 0);
        sampler.sample();
        hanging = "trade-matching@us-west-2";
        clock.advance(Duration.ofSeconds(2));
        Instant askedAt = clock.instant();
        read("us-east-1", 140, 0);
        sampler.sample(); // returns after the read timeout, without west's answer
        clock.advance(Duration.ofSeconds(2));
        FlowSample sample = sampler.sample();

        FlowSample.AppRegion west = sample.service("trade-matching", "us-west-2");
        assertThat(west.reachable()).isFalse();
        assertThat(west.unreachableSince()).isEqualTo(askedAt);
        assertThat(west.stages().get(0).recordsIn()).isEqualTo(5);
        assertThat(sample.service("trade-matching", "us-east-1").reachable()).isTrue();
    }

    @Test
    void raisesAlertsForLagAnOpenBreakerReplicationAndQuarantinedInputs() {
        Map<String, ServiceReading.StageReading> stages = new LinkedHashMap<>();
        stages.put("inbound-gateway", new ServiceReading.StageReading(10, -1, 0, 0, false));
        stages.put("ingestion", new ServiceReading.StageReading(10, 12_000, 1, 3, true));
        readings.put("trade-matching@us-east-1", new ServiceReading(stages, true, true, 6_000, 9_000, 2));
        read("us-west-2", 0, -1);

        FlowSample sample = sampler.sample();

        assertThat(sample.alerts())
                .extracting(FlowSample.Alert::kind)
                .contains(
                        FlowSample.Alert.Kind.STAGE_LAG,
                        FlowSample.Alert.Kind.BREAKER_OPEN,
                        FlowSample.Alert.Kind.REPLICATION_LAG,
                        FlowSample.Alert.Kind.QUARANTINED);
        assertThat(sample.alerts())
                .filteredOn(alert -> alert.kind() == FlowSample.Alert.Kind.STAGE_LAG)
                .singleElement()
                .satisfies(alert -> assertThat(alert.stage()).isEqualTo("ingestion"));
    }

    private void read(String region, long recordsIn, long lagMillis) {
        Map<String, ServiceReading.StageReading> stages = new LinkedHashMap<>();
        for (String stage : STAGES)
            stages.put(stage, new ServiceReading.StageReading(recordsIn, lagMillis, 0, 0, false));
        readings.put("trade-matching@" + region, new ServiceReading(stages, true, true, 0, 0, 0));
    }

    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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
}
