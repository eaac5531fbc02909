package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.logging.InputLogContext;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.quarantine.InMemoryQuarantine;
import io.tradewind.platform.quarantine.QuarantinedInput;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.InputRefusedException;
import io.tradewind.platform.resilience.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class StageRunnerTest {

    private final List<List<String>> processed = new ArrayList<>();
    private final List<String> answeredAsQuarantined = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger linkageFailuresLeft = new AtomicInteger();

    /** Applies a batch unless it holds a record the "store" refuses (one containing "poison"), as one transaction. */
    private final Stage<String> stage = new Stage<>() {
        @Override
        public void process(List<String> batch) {
            if (failuresLeft.getAndDecrement() > 0) throw new DependencyUnavailableException("postgres", "down", null);
            if (linkageFailuresLeft.getAndDecrement() > 0) throw new NoSuchMethodError("a stale class");
            if (batch.contains("bug")) throw new IllegalArgumentException("tradeId is blank");
            if (batch.contains("null")) throw new NullPointerException("no row for the booked trade");
            if (batch.stream().anyMatch(s -> s.contains("poison")))
                throw new InputRefusedException("postgres", "SQLState 22021: invalid byte sequence", null);
            processed.add(List.copyOf(batch));
        }

        @Override
        public void onQuarantined(String input, String reason) {
            answeredAsQuarantined.add(input + ":" + reason);
        }
    };

    private final RecordDecoder<String> decoder = record -> {
        String text = record.dataAsUtf8();
        if (text.startsWith("!")) throw new UndecodableRecordException("starts with !");
        return text;
    };

    private final InMemoryQuarantine quarantine = new InMemoryQuarantine();
    private final StageMetrics metrics = StageMetrics.unregistered("test");
    private final StageRunner<String> runner = new StageRunner<>(
            "test",
            decoder,
            stage,
            metrics,
            quarantine.forStage("matching", "app-matching"),
            pauses::add,
            Duration.ofMillis(100),
            Duration.ofMillis(400));

    private static int sequence;

    private static StreamRecord record(String data) {
        return new StreamRecord(
                "shard-0",
                Integer.toString(++sequence),
                "k-" + data,
                Instant.EPOCH,
                data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quarantinesUndecodableRecordsWithTheirBytesAndProcessesTheRest() {
        assertThat(runner.runUntilDone(List.of(record("a"), record("!b"), record("c")), () -> true))
                .isTrue();
        assertThat(processed).containsExactly(List.of("a", "c"));
        assertThat(metrics.receivedCount()).isEqualTo(3);
        assertThat(metrics.rejectedCount()).isEqualTo(1);
        assertThat(quarantine.held()).singleElement().satisfies(held -> {
            assertThat(held.stage()).isEqualTo("matching");
            assertThat(held.source()).isEqualTo("app-matching");
            assertThat(held.reason()).isEqualTo(StageRunner.UNDECODABLE);
            assertThat(held.detail()).isEqualTo("starts with !");
            assertThat(held.partitionKey()).isEqualTo("k-!b");
            assertThat(new String(held.payload(), StandardCharsets.UTF_8)).isEqualTo("!b");
        });
    }

    @Test
    void isolatesARefusedRecordByHalvingItsBatchAndGoesOnInOrder() {
        List<StreamRecord> batch = new ArrayList<>();
        for (String data : List.of("a", "b", "c", "poison", "e", "f", "g")) batch.add(record(data));

        assertThat(runner.runUntilDone(batch, () -> true)).isTrue();

        assertThat(processed.stream().flatMap(List::stream)).containsExactly("a", "b", "c", "e", "f", "g");
        assertThat(quarantine.held()).extracting(QuarantinedInput::reason).containsExactly("REFUSED_BY_POSTGRES");
        assertThat(new String(quarantine.held().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("poison");
        assertThat(answeredAsQuarantined).containsExactly("poison:REFUSED_BY_POSTGRES");
        assertThat(pauses).as("a refusal is not retried").isEmpty();
    }

    @Test
    void quarantinesEveryRefusedRecordOfABatchOnce() {
        List<StreamRecord> batch = new ArrayList<>();
        for (String data : List.of("poison-1", "a", "poison-2", "poison-3")) batch.add(record(data));

        assertThat(runner.runUntilDone(batch, () -> true)).isTrue();

        assertThat(processed.stream().flatMap(List::stream)).containsExactly("a");
        assertThat(quarantine.held())
                .extracting(held -> new String(held.payload(), StandardCharsets.UTF_8))
                .containsExactly("poison-1", "poison-2", "poison-3");
    }

    @Test
    void quarantinesARecordThatBreaksAnInvariantAsItWouldAStoresRefusal() {
        assertThat(runner.runUntilDone(List.of(record("a"), record("bug"), record("c")), () -> true))
                .isTrue();
        assertThat(processed.stream().flatMap(List::stream)).containsExactly("a", "c");
        assertThat(quarantine.held()).singleElement().satisfies(held -> {
            assertThat(held.reason()).isEqualTo("REFUSED_BY_INVARIANT");
            assertThat(held.detail()).contains("tradeId is blank");
        });
    }

    @Test
    void quarantinesARecordThatTripsABugAloneThreeTimesRunningAndGoesOn() {
        assertThat(runner.runUntilDone(List.of(record("a"), record("null"), record("c")), () -> true))
                .isTrue();
        assertThat(processed.stream().flatMap(List::stream)).containsExactly("a", "c");
        assertThat(quarantine.held()).singleElement().satisfies(held -> {
            assertThat(held.reason()).isEqualTo("REFUSED_BY_INVARIANT");
            assertThat(held.detail()).contains("no row for the booked trade");
        });
        assertThat(pauses).as("tried alone three times, pausing between").hasSize(2);
    }

    @Test
    void namesTheRecordItHandlesAloneOnEveryLineItLogsAboutItAndNothingOnceDone() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StageRunner.class);
        lines.start();
        logger.addAppender(lines);
        try (InputLogContext enclosing = InputLogContext.of("the-gateways-message")) {
            assertThat(runner.runUntilDone(List.of(record("a"), record("bug"), record("c")), () -> true))
                    .isTrue();
            assertThat(MDC.get(InputLogContext.KEY))
                    .as("what the thread named before is named again")
                    .isEqualTo("the-gateways-message");
        } finally {
            logger.detachAppender(lines);
        }

        // "bug" fails alone three times, then is quarantined: four lines, each naming it (its partition key here, as
        // this stage names no id of its own); "a" and "c", processed without a word, name nothing.
        assertThat(lines.list).hasSize(4).allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry(InputLogContext.KEY, "k-bug"));
        assertThat(MDC.get(InputLogContext.KEY)).isNull();
    }

    @Test
    void namesAnUndecodableRecordByItsPartitionKeyWhileItQuarantinesIt() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StageRunner.class);
        lines.start();
        logger.addAppender(lines);
        quarantine.failNext(1);
        try {
            assertThat(runner.runUntilDone(List.of(record("!x")), () -> true)).isTrue();
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(lines.list).singleElement().satisfies(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry(InputLogContext.KEY, "k-!x"));
        assertThat(MDC.get(InputLogContext.KEY)).isNull();
    }

    @Test
    void retriesTheWholeBatchWithGrowingPausesUntilTheDependencyIsBack() {
        failuresLeft.set(4);
        assertThat(runner.runUntilDone(List.of(record("a")), () -> true)).isTrue();
        assertThat(processed).containsExactly(List.of("a"));
        assertThat(pauses)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(400));
        assertThat(quarantine.held()).as("an outage quarantines nothing").isEmpty();
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
                quarantine.forStage("matching", "app-matching"),
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
