package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.platform.idempotency.SentLog;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sender through the active-region factory across a rotation: a batch the rotation interrupts is neither lost nor
 * recorded as sent, and its retry reaches the new region on a fresh connection.
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
                .map(id -> new OutboundMessage("settlements.inbound", id, "body of " + id, Map.of()))
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

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new IllegalStateException("timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class RecordingSentLog implements SentLog {
        private final Set<String> sent = ConcurrentHashMap.newKeySet();

        @Override
        public Set<String> alreadySent(Collection<String> messageIds) {
            Set<String> found = new HashSet<>(messageIds);
            found.retainAll(sent);
            return found;
        }

        @Override
        public void recordSent(Collection<String> messageIds) {
            sent.addAll(messageIds);
        }

        Set<String> ids() {
            return Set.copyOf(sent);
        }
    }
}
