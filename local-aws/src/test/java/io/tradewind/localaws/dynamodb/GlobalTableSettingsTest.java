package io.tradewind.localaws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.dynamodb.GlobalTableReplicator.Settings;
import org.junit.jupiter.api.Test;

/** Which tables replicate between the emulated regions, and how, by the names the topology gives them. */
class GlobalTableSettingsTest {

    @Test
    void replicatesEveryAppsJournalSentLogAuditsAndTheParticipantRegistryAfterALag() {
        assertThat(Settings.GLOBAL_TABLES.pattern())
                .isEqualTo(
                        ".*-(inbound-journal|sent-log|reconciliation-audit)|ops-rotation-audit|tradewind-participants");
        assertThat("tradewind-participants").matches(Settings.GLOBAL_TABLES);
        assertThat("trade-matching-inbound-journal").matches(Settings.GLOBAL_TABLES);
        assertThat("probe-sent-log").matches(Settings.GLOBAL_TABLES);
        assertThat("settlement-matching-reconciliation-audit").matches(Settings.GLOBAL_TABLES);
        assertThat("ops-rotation-audit").matches(Settings.GLOBAL_TABLES);
        assertThat("trade-matching-send-ledger").doesNotMatch(Settings.GLOBAL_TABLES);
        assertThat("trade-matching-matching").doesNotMatch(Settings.GLOBAL_TABLES);
    }

    @Test
    void writesEveryAppsSendLedgerAndTheRotationLeaseToAllRegionsAtOnce() {
        assertThat(Settings.STRONGLY_CONSISTENT_TABLES.pattern()).isEqualTo(".*-(send-ledger)|ops-rotation-lease");
        assertThat("settlement-matching-send-ledger").matches(Settings.STRONGLY_CONSISTENT_TABLES);
        assertThat("ops-rotation-lease").matches(Settings.STRONGLY_CONSISTENT_TABLES);
        assertThat("ops-rotation-lease").doesNotMatch(Settings.GLOBAL_TABLES);
        assertThat("settlement-matching-sent-log").doesNotMatch(Settings.STRONGLY_CONSISTENT_TABLES);
    }
}
