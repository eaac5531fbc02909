package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StageRunnerTest {

    private final List<List<String>> processed = new ArrayList<>();
    private final List<UndecodableRecord> rejected = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger linkageFailuresLeft = new AtomicInteger();

    private final Stage<String> stage = new Stage<>() {
        @Override
        public void process(List<String> batch) {
            if (failuresLeft.getAndDecrement() > 0) throw new DependencyUnavailableException("postgres", "down", null);
            if (linkageFailuresLeft.getAndDecrement() > 0) throw new NoSuchMethodError("a stale class");
            processed.add(batch);
        }

        @Override
        public void onUndecodable(List<UndecodableRecord> records) {
            rejected.addAll(records);
        }
    };

    private final RecordDecoder<String> decoder = record -> {
        String text = record.dataAsUtf8();
        if (text.startsWith("!")) throw new UndecodableRecordException("starts with !");
        return text;
    };

    private final StageMetrics metrics = StageMetrics.unregistered("test");
    private final StageRunner<String> runner = new StageRunner<>(
            "test", decoder, stage, metrics, pauses::add, Duration.ofMillis(100), Duration.ofMillis(400));

    private static StreamRecord record(String data) {
        return new StreamRecord("shard-0", "1", "k", Instant.EPOCH, data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passesDecodedRecordsToTheStageAndUndecodableOnesToItsRejectHandler() {
        assertThat(runner.runUntilDone(List.of(record("a"), record("!b"), record("c")), () -> true))
                .isTrue();
        assertThat(processed).containsExactly(List.of("a", "c"));
        assertThat(metrics.receivedCount()).isEqualTo(3);
        assertThat(metrics.rejectedCount()).isEqualTo(1);
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("starts with !");
            assertThat(r.record().dataAsUtf8()).isEqualTo("!b");
        });
    }

    @Test
    void retriesTheWholeBatchWithGrowingPausesUntilTheDependencyIsBack() {
        failuresLeft.set(4);
        assertThat(runner.runUntilDone(List.of(record("a")), () -> true)).isTrue();
        assertThat(processed).containsExactly(List.of("a"));
        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
    }

    @Test
    void givesUpWithoutCheckpointWhenTheShardIsNoLongerOurs() {
        failuresLeft.set(Integer.MAX_VALUE);
        AtomicInteger checks = new AtomicInteger();
        assertThat(runner.runUntilDone(List.of(record("a")), () -> checks.incrementAndGet() <= 3))
                .isFalse();
        assertThat(processed).isEmpty();
    }

    @Test
    void aClassThatFailsToLinkStallsTheBatchInsteadOfEscapingToKclWhichWouldSkipIt() {
        linkageFailuresLeft.set(2);
        assertThat(runner.runUntilDone(List.of(record("a")), () -> true)).isTrue();
        assertThat(processed).containsExactly(List.of("a"));
        assertThat(pauses).hasSize(2);
    }

    @Test
    void showsHowLongItHasBeenRetryingTheBatchAndWhatFailedItUntilItGetsThrough() {
        MockClock clock = new MockClock();
        StageMetrics timed = new StageMetrics(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock), "test");
        List<Duration> ages = new ArrayList<>();
        StageRunner<String> retrying = new StageRunner<>(
                "test",
                decoder,
                stage,
                timed,
                pause -> {
                    clock.add(pause);
                    ages.add(timed.attemptAge());
                },
                Duration.ofSeconds(1),
                Duration.ofSeconds(4));
        failuresLeft.set(3);

        assertThat(retrying.runUntilDone(List.of(record("a")), () -> true)).isTrue();

        assertThat(ages).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(7));
        assertThat(timed.failedAttempts("postgres")).isEqualTo(3);
        assertThat(timed.attemptAge()).as("idle again").isZero();
    }

    @Test
    void holdsNothingOnceItGivesUpTheBatch() {
        failuresLeft.set(Integer.MAX_VALUE);
        AtomicInteger checks = new AtomicInteger();

        runner.runUntilDone(List.of(record("a")), () -> checks.incrementAndGet() <= 2);

        assertThat(metrics.attemptAge()).isZero();
    }
}
