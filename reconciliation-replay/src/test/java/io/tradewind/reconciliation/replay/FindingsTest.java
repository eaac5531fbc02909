package io.tradewind.reconciliation.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.InputFate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindingsTest {
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant END = START.plusSeconds(3_600);

    @Test
    void aRejectedInputWhoseReportWentOutIsDelivered() {
        Findings findings = find(
                List.of(journaled("BRK001|m1")),
                Map.of("BRK001|m1", InputFate.rejected(List.of("TR-BRK001|m1"))),
                Set.of("TR-BRK001|m1"));
        assertThat(findings.rejected()).isEqualTo(1);
        assertThat(findings.delivered()).isEqualTo(1);
        assertThat(findings.outstandingKeys()).isEmpty();
    }

    @Test
    void anAppliedInputWithAMessageNotSentIsReplayed() {
        Findings findings = find(
                List.of(journaled("IM042|m1")),
                Map.of("IM042|m1", InputFate.applied(List.of("TS-IM042|T1-v1-MATCHED", "SI-M-1-1-DELIVER"))),
                Set.of("TS-IM042|T1-v1-MATCHED"));
        assertThat(findings.applied()).isEqualTo(1);
        assertThat(findings.delivered()).isZero();
        assertThat(findings.outstandingKeys()).containsExactly("IM042|m1");
    }

    @Test
    void anAppliedInputThatImpliesNoMessageIsDelivered() {
        Findings findings = find(
                List.of(journaled("settlement-matching|SC-1")),
                Map.of("settlement-matching|SC-1", InputFate.applied(List.of())),
                Set.of());
        assertThat(findings.delivered()).isEqualTo(1);
        assertThat(findings.outstandingKeys()).isEmpty();
    }

    @Test
    void anUndecidedInputIsReplayedInJournalOrder() {
        Findings findings = find(
                List.of(journaled("BRK001|m2"), journaled("BRK001|m1"), journaled("IM042|m3")),
                Map.of("BRK001|m2", InputFate.UNDECIDED, "BRK001|m1", InputFate.rejected(List.of("TR-BRK001|m1"))),
                Set.of("TR-BRK001|m1"));
        assertThat(findings.journaled()).isEqualTo(3);
        assertThat(findings.outstandingKeys())
                .as("an input the app gave no fate is not decided either")
                .containsExactly("BRK001|m2", "IM042|m3");
        assertThat(findings.toRun(java.time.Duration.ZERO).replayedKeys()).containsExactly("BRK001|m2", "IM042|m3");
    }

    private static Findings find(List<JournalEntry> journaled, Map<String, InputFate> fates, Set<String> sent) {
        return Findings.of("trade-matching", "us-east-1", START, END, journaled, fates, sent);
    }

    private static JournalEntry journaled(String key) {
        return new JournalEntry(key, "{}", "p", "ID:" + key, START, "trades.inbound", 2);
    }
}
