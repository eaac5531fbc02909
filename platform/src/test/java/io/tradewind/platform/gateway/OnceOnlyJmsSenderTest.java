package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender through the active-region factory across a rotation: a batch the rotation interrupts is neither lost nor
 * recorded as sent, and its retry reaches the new region on a fresh connection. A batch committed while the sent-log
 * cannot record it is recorded by its retry, never sent again.
 */
class OnceOnlyJmsSenderTest {
    private final TwoRegions regions = new TwoRegions();
    private final FakeBroker east = regions.east;
    private final FakeBroker west = regions.west;
    private final RecordingSentLog sentLog = new RecordingSentLog();
    private final OnceOnlyJmsSender sender = new OnceOnlyJmsSender(regions.brokers, sentLog);

    @AfterEach
    void close() {
        sender.close();
        regions.close();
    }

    private static List<OutboundMessage> messages(String... ids) {
        return List.of(ids).stream()
                .map(id -> new OutboundMessage("settlements.inbound", id, "body of " + id))
                .toList();
    }

    @Test
    void sendsOnlyTheIdsNotInTheSentLogAndRecordsThemAfterTheCommit() {
        sentLog.recordSent(List.of("m1"));

        assertThat(sender.sendAll(messages("m1", "m2", "m2", "m3"))).isEqualTo(2);

        assertThat(east.committed()).containsExactly("m2", "m3");
        assertThat(sentLog.ids()).containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    @Test
    void failsTheBatchOnAConnectionARotationClosedAndSendsItToTheNewRegionOnRetry() {
        sender.sendAll(messages("m1"));
        regions.rotateTo(TwoRegions.WEST);
        await().atMost(Duration.ofSeconds(5)).until(east::allConnectionsClosed);

        assertThatThrownBy(() -> sender.sendAll(messages("m2", "m3")))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(sentLog.ids()).as("nothing recorded for the failed batch").containsExactly("m1");

        assertThat(sender.sendAll(messages("m2", "m3"))).isEqualTo(2);
        assertThat(west.committed()).containsExactly("m2", "m3");
        assertThat(east.committed()).containsExactly("m1");
        assertThat(west.connectionsOpened()).isOne();
        assertThat(sentLog.ids()).containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    @Test
    void doesNotRecordABatchWhoseTransactionARotationRolledBackJustBeforeItsCommit() {
        CountDownLatch rolledBack = new CountDownLatch(1);
        CountDownLatch commitReturned = new CountDownLatch(1);
        // The rotation closes east's connection between the sends and the commit: the close rolls the transaction back,
        // the commit then finds nothing to commit and returns quietly, and only then does the close mark it closed.
        east.beforeCommit = () -> {
            regions.switchTo(TwoRegions.WEST);
            awaitLatch(rolledBack);
        };
        east.afterRollback = () -> {
            rolledBack.countDown();
            awaitLatch(commitReturned);
        };
        east.afterCommit = commitReturned::countDown;

        assertThatThrownBy(() -> sender.sendAll(messages("m1", "m2")))
                .isInstanceOf(DependencyUnavailableException.class);
        assertThat(east.committed()).isEmpty();
        assertThat(sentLog.ids()).as("recorded as sent without being sent").isEmpty();

        assertThat(sender.sendAll(messages("m1", "m2"))).isEqualTo(2);
        assertThat(west.committed()).containsExactly("m1", "m2");
        assertThat(sentLog.ids()).containsExactlyInAnyOrder("m1", "m2");
    }

    @Test
    void recordsWhatItCommittedOnTheRetryInsteadOfSendingItAgainWhenRecordingFailed() {
        sentLog.recordingDown = true;

        assertThatThrownBy(() -> sender.sendAll(messages("m1", "m2")))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("postgres");
        assertThat(east.committed()).containsExactly("m1", "m2");

        sentLog.recordingDown = false;
        assertThat(sender.sendAll(messages("m1", "m2")))
                .as("recorded now, sent before")
                .isEqualTo(2);

        assertThat(east.committed()).as("sent once").containsExactly("m1", "m2");
        assertThat(sentLog.ids()).containsExactlyInAnyOrder("m1", "m2");
    }

    @Test
    void sendsNothingWhileTheSentLogCannotRecordWhatWasCommittedHoweverOftenTheBatchIsRetried() {
        sentLog.recordingDown = true;
        for (int retry = 0; retry < 5; retry++)
            assertThatThrownBy(() -> sender.sendAll(messages("m1", "m2")))
                    .isInstanceOf(DependencyUnavailableException.class);
        assertThatThrownBy(() -> sender.sendAll(messages("m3")))
                .as("another batch waits for the first to be recorded")
                .isInstanceOf(DependencyUnavailableException.class);

        assertThat(east.committed()).containsExactly("m1", "m2");

        sentLog.recordingDown = false;
        assertThat(sender.sendAll(messages("m3"))).isEqualTo(1);
        assertThat(sender.sendAll(messages("m1", "m2")))
                .as("recorded before this call")
                .isZero();
        assertThat(east.committed()).containsExactly("m1", "m2", "m3");
        assertThat(sentLog.ids()).containsExactlyInAnyOrder("m1", "m2", "m3");
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
