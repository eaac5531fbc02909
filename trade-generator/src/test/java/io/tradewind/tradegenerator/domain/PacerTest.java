package io.tradewind.tradegenerator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = 1_000_000L;

    private final FakeTime time = new FakeTime();
    private final Pacer pacer = new Pacer(100, Duration.ofSeconds(1), time, time);

    /** Releases {@code count} messages and returns the clock reading at each release. */
    private List<Long> release(int count) throws InterruptedException {
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pacer.awaitNext();
            at.add(time.getAsLong());
        }
        return at;
    }

    /** The most releases that fall into any window of the given length. */
    private static int mostIn(List<Long> releases, long windowNanos) {
        int most = 0;
        for (int first = 0, last = 0; last < releases.size(); last++) {
            while (releases.get(last) - releases.get(first) >= windowNanos) first++;
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    @Test
    void releasesTheFirstMessageAtOnceAndTheRestAtEvenIntervals() throws InterruptedException {
        long start = time.getAsLong();

        List<Long> releases = release(1_000);

        for (int i = 0; i < releases.size(); i++) assertThat(releases.get(i)).isEqualTo(start + i * 10 * MS);
    }

    @Test
    void neverReleasesMoreThanTheRateInAnyWindow() throws InterruptedException {
        List<Long> releases = release(2_000);

        assertThat(mostIn(releases, 100 * MS)).isEqualTo(10);
        assertThat(mostIn(releases, 1_000 * MS)).isEqualTo(100);
    }

    @Test
    void waitsOnceForEachMessageForExactlyTheTimeLeft() throws InterruptedException {
        release(100);

        assertThat(time.sleeps).hasSize(99).containsOnly(Duration.ofMillis(10));
    }

    @Test
    void makesUpAShortDelayAtOnceSoTheLongRunRateStaysExact() throws InterruptedException {
        long start = time.getAsLong();
        release(10);
        time.advance(Duration.ofMillis(35)); // a GC pause or a slow send

        List<Long> after = release(90);

        // Due at +100, +110 and +120 ms, it is +125 ms: those three go at once, the next waits for +130 ms.
        assertThat(after.subList(0, 3)).as("the overdue messages go at once").containsOnly(start + 125 * MS);
        assertThat(after.get(3)).isEqualTo(start + 130 * MS);
        assertThat(after.get(89)).isEqualTo(start + 99 * 10 * MS);
    }

    @Test
    void catchesUpAtMostOneSecondOfBacklogAfterAStallThenKeepsThePace() throws InterruptedException {
        release(10);
        time.advance(Duration.ofSeconds(10)); // a broker outage
        long resumedAt = time.getAsLong();

        List<Long> after = release(400);

        long atOnce = after.stream().filter(t -> t == resumedAt).count();
        assertThat(atOnce).as("released without waiting").isEqualTo(101);
        for (int i = 101; i < after.size(); i++) {
            assertThat(after.get(i) - after.get(i - 1)).isEqualTo(10 * MS);
        }
        assertThat(mostIn(after.subList(101, after.size()), 1_000 * MS)).isEqualTo(100);
    }

    @Test
    void resumesAfterAPauseWhereItLeftOffWithoutABurstOrAGap() throws InterruptedException {
        List<Long> before = release(5);
        time.advance(Duration.ofMillis(4));
        pacer.pause();
        time.advance(Duration.ofSeconds(30)); // the routing control was Off
        pacer.resume();
        long resumedAt = time.getAsLong();

        List<Long> after = release(5);

        assertThat(before.get(4) - before.get(3)).isEqualTo(10 * MS);
        assertThat(after.get(0)).as("the 6 ms left of the interval").isEqualTo(resumedAt + 6 * MS);
        for (int i = 1; i < after.size(); i++)
            assertThat(after.get(i) - after.get(i - 1)).isEqualTo(10 * MS);
    }

    @Test
    void tellsWhenTheNextMessageIsDue() throws InterruptedException {
        long start = time.getAsLong();
        assertThat(pacer.nextDueNanos()).isEqualTo(start);

        release(3);

        assertThat(pacer.nextDueNanos()).isEqualTo(start + 30 * MS);
        assertThat(pacer.released()).isEqualTo(3);
    }

    @Test
    void pacesFractionalRates() throws InterruptedException {
        Pacer slow = new Pacer(0.5, Duration.ofSeconds(1), time, time);

        slow.awaitNext();
        slow.awaitNext();

        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void refusesARateThatIsNotAboveZero() {
        assertThatThrownBy(() -> new Pacer(0, Duration.ZERO, time, time))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("messagesPerSecond");
    }
}
