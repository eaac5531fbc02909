package io.tradewind.tradegenerator.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.model.trade.TradeMessage;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.FakeTime;
import io.tradewind.tradegenerator.domain.GeneratedPair;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TradeGeneratorTest {
    private static final GenerationSettings SETTINGS =
            GenerationSettings.defaults(7, Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RecordingSink sink = new RecordingSink();
    private final InMemoryOutcomeRecorder outcomes = new InMemoryOutcomeRecorder();
    private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
    private final List<String> recordedBeforeCommit = new CopyOnWriteArrayList<>();
    private TradeGenerator generator;

    @AfterEach
    void closeGenerator() {
        if (generator != null) generator.close();
    }

    /** Fails the test later if a pair is recorded before all its messages were committed. */
    private final OutcomeRecorder committedOnly = committed -> {
        Set<String> onBroker = new HashSet<>(sink.committedIds());
        for (ExpectedOutcome outcome : committed) {
            if (!onBroker.containsAll(outcome.messageIds())) recordedBeforeCommit.add(outcome.pairId());
        }
    };

    private TradeGenerator.Builder generator(double messagesPerSecond) {
        return TradeGenerator.builder(new TradePairFactory(SETTINGS), sink, messagesPerSecond)
                .recorder(outcomes)
                .recorder(committedOnly)
                .backoffSleeper(backoffs::add);
    }

    private static List<GeneratedPair> expectedPairs(int count) {
        TradePairFactory factory = new TradePairFactory(SETTINGS);
        List<GeneratedPair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) pairs.add(factory.next());
        return pairs;
    }

    private static List<String> messageIds(List<GeneratedPair> pairs) {
        return pairs.stream()
                .flatMap(p -> p.messages().stream())
                .map(TradeMessage::messageId)
                .toList();
    }

    private static void waitUntil(BooleanSupplier condition) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }

    /** Asserts that {@code condition} holds throughout {@code period}: nothing happens while it should not. */
    private static void holdsFor(Duration period, BooleanSupplier condition) {
        await().during(period).atMost(period.plusSeconds(5)).until(condition::getAsBoolean);
    }

    @Test
    void postsEveryMessageOfTheRequestedPairsOnceInOrderThenStops() throws InterruptedException {
        generator = generator(5_000).maxPairs(50).build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        List<GeneratedPair> expected = expectedPairs(50);
        assertThat(sink.committedIds()).isEqualTo(messageIds(expected));
        assertThat(outcomes.outcomes())
                .isEqualTo(expected.stream().map(GeneratedPair::expected).toList());
        assertThat(generator.pairsPosted()).isEqualTo(50);
        assertThat(generator.messagesPosted()).isEqualTo(messageIds(expected).size());
        assertThat(generator.pairsPosted(PairKind.MATCHED)
                        + generator.pairsPosted(PairKind.MISMATCHED)
                        + generator.pairsPosted(PairKind.UNMATCHED))
                .isEqualTo(50);
        assertThat(recordedBeforeCommit).isEmpty();
        assertThat(generator.failure()).isEmpty();
    }

    @Test
    void keepsEachPairInOneTransactionOfAtMostAHundredMessages() throws InterruptedException {
        generator = generator(1_000_000).maxPairs(2_000).build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        List<GeneratedPair> pairs = expectedPairs(2_000);
        Set<String> pairOfFirstMessage = new HashSet<>();
        for (List<TradeMessage> commit : sink.commits()) {
            assertThat(commit).hasSizeLessThanOrEqualTo(100);
            Set<String> ids = new HashSet<>();
            commit.forEach(m -> ids.add(m.messageId()));
            for (GeneratedPair pair : pairs) {
                List<String> pairIds =
                        pair.messages().stream().map(TradeMessage::messageId).toList();
                if (ids.contains(pairIds.get(0))) {
                    assertThat(ids).containsAll(pairIds);
                    pairOfFirstMessage.add(pair.expected().pairId());
                }
            }
        }
        assertThat(pairOfFirstMessage).hasSize(2_000);
    }

    @Test
    void commitsAboutEveryFiftyMillisecondsOfSchedule() throws InterruptedException {
        FakeTime time = new FakeTime();
        generator = generator(200).timing(time, time).maxPairs(600).build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        List<List<TradeMessage>> commits = sink.commits();
        long messages = generator.messagesPosted();
        // 200 trades/s for 50 ms is 10 messages; a pair's second message may spill over into its first's window.
        assertThat(commits).allSatisfy(commit -> assertThat(commit).hasSizeBetween(1, 11));
        assertThat(commits.size()).isBetween((int) (messages / 11), (int) (messages / 8));
    }

    @Test
    void resendsTheUncommittedPairsWithGrowingBackoffWhenCommitsFail() throws InterruptedException {
        sink.failNextCommits(3);
        generator = generator(5_000).maxPairs(30).build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        assertThat(sink.committedIds()).isEqualTo(messageIds(expectedPairs(30)));
        assertThat(outcomes.size()).isEqualTo(30);
        assertThat(backoffs).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(generator.reconnects()).isEqualTo(3);
        assertThat(recordedBeforeCommit).isEmpty();
    }

    @Test
    void reconnectsAndResendsWhenTheBrokerRefusesSends() throws InterruptedException {
        sink.failNextSends(4);
        generator = generator(5_000).maxPairs(30).build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        assertThat(sink.committedIds()).isEqualTo(messageIds(expectedPairs(30)));
        assertThat(backoffs)
                .containsExactly(
                        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(recordedBeforeCommit).isEmpty();
    }

    @Test
    void capsTheBackoffAtItsMaximum() throws InterruptedException {
        sink.failNextSends(8);
        generator = generator(5_000)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .maxPairs(5)
                .build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        assertThat(backoffs).endsWith(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(sink.committedIds()).isEqualTo(messageIds(expectedPairs(5)));
    }

    @Test
    void postsNothingWhileTheGateIsClosedAndEverythingOnceItOpens() throws InterruptedException {
        AtomicBoolean routingControlOn = new AtomicBoolean(false);
        generator = generator(5_000).gate(routingControlOn::get).maxPairs(20).build();

        generator.start();
        holdsFor(Duration.ofMillis(300), () -> sink.sends() == 0);

        assertThat(sink.sends()).isZero();
        assertThat(generator.isPosting()).isFalse();
        assertThat(generator.isSwitchedOn()).isTrue();

        routingControlOn.set(true);

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        assertThat(sink.committedIds()).isEqualTo(messageIds(expectedPairs(20)));
    }

    @Test
    void pausesWhenTheGateClosesAndCarriesOnWithTheNextPairWhenItReopens() throws InterruptedException {
        AtomicBoolean routingControlOn = new AtomicBoolean(true);
        generator = generator(2_000).gate(routingControlOn::get).build();
        generator.start();
        waitUntil(() -> generator.pairsPosted() >= 10);

        routingControlOn.set(false);
        waitUntil(() -> !generator.isPosting());
        long pausedAt = generator.pairsPosted();
        holdsFor(Duration.ofMillis(200), () -> generator.pairsPosted() == pausedAt);

        assertThat(generator.pairsPosted()).isEqualTo(pausedAt);
        assertThat(sink.uncommitted()).as("committed before pausing").isZero();

        routingControlOn.set(true);
        waitUntil(() -> generator.pairsPosted() >= pausedAt + 10);
        generator.close();

        List<String> posted = sink.committedIds();
        assertThat(posted).isEqualTo(messageIds(expectedPairs((int) generator.pairsPosted())));
    }

    @Test
    void stopPausesAndStartResumes() throws InterruptedException {
        generator = generator(2_000).build();
        generator.start();
        waitUntil(() -> generator.pairsPosted() >= 5);

        generator.stop();
        waitUntil(() -> !generator.isPosting());
        long stoppedAt = generator.pairsPosted();
        holdsFor(Duration.ofMillis(200), () -> generator.pairsPosted() == stoppedAt);

        assertThat(generator.pairsPosted()).isEqualTo(stoppedAt);
        assertThat(generator.isSwitchedOn()).isFalse();

        generator.start();
        waitUntil(() -> generator.pairsPosted() > stoppedAt);
    }

    @Test
    void closeCommitsAndRecordsWhatItHoldsThenReleasesTheSink() throws InterruptedException {
        generator = generator(2_000).build();
        generator.start();
        waitUntil(() -> generator.pairsPosted() >= 20);

        generator.close();

        assertThat(generator.isFinished()).isTrue();
        assertThat(sink.uncommitted()).isZero();
        assertThat(sink.closes()).isPositive();
        assertThat(sink.sends()).isEqualTo(sink.committedIds().size());
        assertThat(outcomes.outcomes().stream().flatMap(o -> o.messageIds().stream()))
                .containsExactlyElementsOf(sink.committedIds());
    }

    @Test
    void stopsWithTheFailureWhenAnOutcomeCannotBeRecorded() throws InterruptedException {
        generator = TradeGenerator.builder(new TradePairFactory(SETTINGS), sink, 5_000)
                .recorder(committed -> {
                    throw new IllegalStateException("disk full");
                })
                .build();

        generator.start();

        assertThat(generator.awaitFinished(WAIT)).isTrue();
        assertThat(generator.failure()).get().extracting(Throwable::getMessage).isEqualTo("disk full");
        assertThat(sink.closes()).isPositive();
    }

    @Test
    void closingAGeneratorThatNeverStartedReleasesItsRecorders() {
        AtomicBoolean closed = new AtomicBoolean();
        generator = TradeGenerator.builder(new TradePairFactory(SETTINGS), sink, 10)
                .recorder(new OutcomeRecorder() {
                    @Override
                    public void record(List<ExpectedOutcome> committed) {}

                    @Override
                    public void close() {
                        closed.set(true);
                    }
                })
                .build();

        generator.close();

        assertThat(generator.isFinished()).isTrue();
        assertThat(closed).isTrue();
    }
}
