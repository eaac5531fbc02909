package io.tradewind.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentLogRecoveryTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Every write to either store, in order. */
    private final List<String> writes = new ArrayList<>();

    /** A sent-log in memory, which a failover has cut short where the test says. */
    private final class MemorySentLog implements RecoverableSentLog {
        final Map<String, Instant> sent = new LinkedHashMap<>();
        final Clock clock;

        MemorySentLog(Clock clock) {
            this.clock = clock;
        }

        @Override
        public Set<String> alreadySent(Collection<String> messageIds) {
            Set<String> found = new HashSet<>(messageIds);
            found.retainAll(sent.keySet());
            return found;
        }

        @Override
        public void recordSent(Collection<String> messageIds) {
            writes.add("log " + messageIds);
            recordMissing(messageIds);
        }

        @Override
        public Optional<Instant> newestSentAt() {
            return sent.values().stream().max(Instant::compareTo);
        }

        @Override
        public int recordMissing(Collection<String> messageIds) {
            int missing = 0;
            for (String id : messageIds) if (sent.putIfAbsent(id, clock.instant()) == null) missing++;
            return missing;
        }
    }

    /** A ledger in memory, which records the ranges it was asked for. */
    private final class MemoryLedger implements SendLedger {
        final Map<String, Instant> entries = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        RuntimeException unreachable;

        @Override
        public void record(Collection<String> messageIds, Instant sentAt) {
            writes.add("ledger " + messageIds);
            messageIds.forEach(id -> entries.put(id, sentAt));
        }

        @Override
        public Set<String> sentBetween(Instant since, Instant until) {
            if (unreachable != null) throw unreachable;
            calls.add(since + ".." + until);
            Set<String> ids = new HashSet<>();
            entries.forEach((id, at) -> {
                if (!at.isBefore(since) && at.isBefore(until)) ids.add(id);
            });
            return ids;
        }
    }

    private final MemorySentLog sentLog = new MemorySentLog(clock);
    private final MemoryLedger ledger = new MemoryLedger();
    private final SentLogRecovery recovery = new SentLogRecovery(
            new SentLogRecovery.Settings(
                    "trade-matching-sent-log-recovery", Duration.ofSeconds(10), Duration.ofMinutes(10)),
            sentLog,
            ledger,
            clock);

    @Test
    void recordsInTheLedgerBeforeTheRegionsOwnLog() {
        new LedgeredSentLog(sentLog, ledger, clock).recordSent(List.of("m-1"));

        assertThat(writes).containsExactly("ledger [m-1]", "log [m-1]");
        assertThat(ledger.entries).containsEntry("m-1", NOW);
    }

    @Test
    void putsBackWhatTheLedgerHoldsBeyondTheLogsNewestSendLessTheMargin() {
        Instant newest = NOW.minusSeconds(2);
        sentLog.sent.put("replicated-early", NOW.minusSeconds(60));
        sentLog.sent.put("replicated-last", newest);
        ledger.entries.put("replicated-early", NOW.minusSeconds(60));
        ledger.entries.put("replicated-last", newest);
        ledger.entries.put("sent-out-of-order", newest.minusSeconds(3)); // a retried batch, recorded late
        ledger.entries.put("lost-1", NOW.minusMillis(900));
        ledger.entries.put("lost-2", NOW.minusMillis(100));

        recovery.start();

        assertThat(ledger.calls).containsExactly(newest.minusSeconds(10) + ".." + NOW);
        assertThat(sentLog.alreadySent(List.of("sent-out-of-order", "lost-1", "lost-2")))
                .containsExactlyInAnyOrder("sent-out-of-order", "lost-1", "lost-2");
        assertThat(recovery.lastRecovered())
                .isEqualTo(new SentLogRecovery.Recovered(newest.minusSeconds(10), NOW, 4, 3));
        assertThat(recovery.isRunning()).isTrue();
    }

    @Test
    void readsNoFurtherBackThanTheLookbackWhenTheLogIsEmptyOrFarBehind() {
        recovery.start();
        recovery.stop();
        sentLog.sent.clear();
        sentLog.sent.put("a-day-old", NOW.minus(Duration.ofDays(1)));
        recovery.start();

        assertThat(ledger.calls)
                .containsExactly(
                        NOW.minus(Duration.ofMinutes(10)) + ".." + NOW, NOW.minus(Duration.ofMinutes(10)) + ".." + NOW);
    }

    @Test
    void failsToStartWhenTheLedgerCannotBeRead() {
        ledger.unreachable = new IllegalStateException("dynamodb unavailable");

        assertThatThrownBy(recovery::start).hasMessageContaining("dynamodb unavailable");
        assertThat(recovery.isRunning()).isFalse();
    }

    @Test
    void refusesALookbackNoLongerThanTheMargin() {
        assertThatThrownBy(() -> new SentLogRecovery.Settings("r", Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookback");
    }
}
