package io.tradewind.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names services and infrastructure agree on, as the wire contract and the Terraform declare them. */
class TopologyTest {

    @Test
    void namesEachAppAndItsSchema() {
        assertThat(App.ids()).containsExactly("trade-matching", "settlement-matching");
        assertThat(App.TRADE_MATCHING.schema()).isEqualTo("trade_matching");
        assertThat(App.SETTLEMENT_MATCHING.schema()).isEqualTo("settlement_matching");
        assertThat(App.of("settlement-matching")).isEqualTo(App.SETTLEMENT_MATCHING);
    }

    @Test
    void refusesAnUnknownAppNamingTheKnownOnes() {
        assertThatThrownBy(() -> App.of("trade_matching"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown app 'trade_matching'; known: trade-matching, settlement-matching");
    }

    @Test
    void namesTheQueuesOfTheWireContract() {
        assertThat(App.TRADE_MATCHING.inboundQueue()).isEqualTo("trades.inbound");
        assertThat(App.SETTLEMENT_MATCHING.inboundQueue()).isEqualTo("settlements.inbound");
        assertThat(App.TRADE_MATCHING.inboundQueues()).containsExactly("trades.inbound", "settlements.confirmations");
        assertThat(App.SETTLEMENT_MATCHING.inboundQueues()).containsExactly("settlements.inbound");
    }

    @Test
    void reportsToEachParticipantOnItsOwnStatusQueue() {
        assertThat(App.TRADE_MATCHING.statusQueueOf("BRK001")).isEqualTo("trades.status.BRK001");
        assertThat(Queues.tradesStatusOf("IM042")).isEqualTo("trades.status.IM042");
        assertThat(App.SETTLEMENT_MATCHING.statusQueueOf("IM042-ACC-07")).isEqualTo("settlements.status.IM042-ACC-07");
        assertThat(Queues.settlementsStatusOf("BRK001")).isEqualTo("settlements.status.BRK001");
        assertThat(App.TRADE_MATCHING.everyStatusQueue()).isEqualTo("trades.status.>");
        assertThat(App.SETTLEMENT_MATCHING.everyStatusQueue()).isEqualTo("settlements.status.>");
    }

    @Test
    void refusesAPrivateQueueForAnIdThatActiveMqWouldReadAsSeveralQueuesOrAWildcard() {
        for (String hostile : new String[] {"BRK001,trades.status.IM042", ">", "*", "BRK 001", "a".repeat(65)})
            assertThatThrownBy(() -> Queues.tradesStatusOf(hostile))
                    .as(hostile)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("participantId of a private status queue must be 1 to 64 characters");
        assertThatThrownBy(() -> App.SETTLEMENT_MATCHING.statusQueueOf(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a private status queue needs a participant id");
    }

    @Test
    void namesAStreamAndAComponentByAppAndStage() {
        assertThat(App.TRADE_MATCHING.streamInto(Stages.INGESTION)).isEqualTo("trade-matching-ingestion");
        assertThat(App.SETTLEMENT_MATCHING.streamInto(Stages.OUTBOUND_GATEWAY))
                .isEqualTo("settlement-matching-outbound-gateway");
        assertThat(App.TRADE_MATCHING.component(Stages.MATCHING)).isEqualTo("trade-matching-matching");
        assertThat(Stages.STREAM_CONSUMERS).containsExactly("ingestion", "matching", "egress", "outbound-gateway");
    }

    @Test
    void namesEachAppsTables() {
        assertThat(App.TRADE_MATCHING.journalTable()).isEqualTo("trade-matching-inbound-journal");
        assertThat(App.TRADE_MATCHING.sentLogTable()).isEqualTo("trade-matching-sent-log");
        assertThat(App.SETTLEMENT_MATCHING.sendLedgerTable()).isEqualTo("settlement-matching-send-ledger");
        assertThat(App.SETTLEMENT_MATCHING.reconciliationAuditTable())
                .isEqualTo("settlement-matching-reconciliation-audit");
        assertThat(Tables.ROTATION_AUDIT).isEqualTo("ops-rotation-audit");
        assertThat(Tables.ROTATION_LEASE).isEqualTo("ops-rotation-lease");
    }

    @Test
    void onlyTheSendLedgerIsStronglyConsistentAcrossRegions() {
        assertThat(AppTable.replicated(true)).containsExactly(AppTable.SEND_LEDGER);
        assertThat(AppTable.replicated(false))
                .containsExactly(AppTable.INBOUND_JOURNAL, AppTable.SENT_LOG, AppTable.RECONCILIATION_AUDIT);
    }

    @Test
    void namesTheRoutingControlsAndTheirSafetyRules() {
        assertThat(App.TRADE_MATCHING.inboundControl("us-west-2")).isEqualTo("trade-matching-inbound-us-west-2");
        assertThat(App.SETTLEMENT_MATCHING.processingControl("us-east-1"))
                .isEqualTo("settlement-matching-processing-us-east-1");
        assertThat(RoutingControls.atMostOneRegionRule("trade-matching", RoutingControls.PROCESSING))
                .isEqualTo("trade-matching-processing-at-most-one-region");
        assertThat(RoutingControls.GENERATOR).isEqualTo("generator");
        assertThat(RoutingControls.CONTROL_PANEL).isEqualTo("tradewind");
    }
}
