package io.tradewind.reconciliation.replay;

import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.InputFate;
import io.tradewind.reconciliation.api.ReconciliationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one look at an app's journal, its answer about the inputs' fates and the sent-log found. An input is terminal
 * when a stage decided it (rejected or applied) and every message that decision implies is in the sent-log; anything
 * else (never ingested, booked but not matched, decided but not all sent) is outstanding.
 *
 * @param outstanding the inputs to replay, in journal order
 */
record Findings(
        String app,
        String region,
        Instant start,
        Instant end,
        int journaled,
        int rejected,
        int applied,
        int delivered,
        List<JournalEntry> outstanding) {

    Findings {
        outstanding = List.copyOf(outstanding);
    }

    /**
     * @param journaled the journal's entries of the window, in journal order
     * @param fates the app's answer for each of them, by journal key
     * @param sent which of the messages the fates imply the sent-log holds
     */
    static Findings of(
            String app,
            String region,
            Instant start,
            Instant end,
            List<JournalEntry> journaled,
            Map<String, InputFate> fates,
            Set<String> sent) {
        int rejected = 0;
        int applied = 0;
        int delivered = 0;
        List<JournalEntry> outstanding = new ArrayList<>();
        for (JournalEntry entry : journaled) {
            InputFate fate = fates.getOrDefault(entry.journalKey(), InputFate.UNDECIDED);
            if (fate.decision() == InputFate.Decision.REJECTED) rejected++;
            if (fate.decision() == InputFate.Decision.APPLIED) applied++;
            if (fate.decided() && sent.containsAll(fate.impliedMessageIds())) delivered++;
            else outstanding.add(entry);
        }
        return new Findings(app, region, start, end, journaled.size(), rejected, applied, delivered, outstanding);
    }

    List<String> outstandingKeys() {
        return outstanding.stream().map(JournalEntry::journalKey).toList();
    }

    ReconciliationRun toRun(Duration took) {
        return new ReconciliationRun(
                UUID.randomUUID().toString(),
                app,
                region,
                start,
                end,
                journaled,
                rejected,
                applied,
                delivered,
                outstandingKeys(),
                took);
    }
}
