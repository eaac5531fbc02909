package io.tradewind.settlementmatching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.topology.Queues;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.InputFatesProvider;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSettlementInputFatesTest {
    private final PostgresSettlementInputFates fates = new PostgresSettlementInputFates();

    @Test
    void aRejectedInstructionIsAnsweredByItsRejectedReport() {
        assertThat(fates.ofRejection(
                        new JournalEntry("DESK|m1", "{}", "p", "ID:1", Instant.EPOCH, Queues.SETTLEMENTS_INBOUND, 2)))
                .containsExactly("SR-DESK|m1");
    }

    @Test
    void aSettledEventImpliesItsReportAndTheConfirmationItCarries() {
        SettlementConfirmation confirmation =
                new SettlementConfirmation("SC-SM-1", "SM-1", "M-1", "1", "M-1-1-DELIVER", "M-1-1-RECEIVE");
        assertThat(fates.ofEvent(event("SS-I1-v2-SETTLED", confirmation)))
                .containsExactly("SS-I1-v2-SETTLED", "SC-SM-1");
    }

    @Test
    void anEventWithoutConfirmationImpliesOnlyItsReport() {
        assertThat(fates.ofEvent(event("SS-I1-v1-SETTLED", null))).containsExactly("SS-I1-v1-SETTLED");
    }

    @Test
    void reconciliationFindsSettlementMatchingByItsName() {
        assertThat(InputFatesProvider.of("settlement-matching")).isInstanceOf(PostgresSettlementInputFates.class);
    }

    private static SettlementEvent event(String reportId, SettlementConfirmation confirmation) {
        return new SettlementEvent(
                reportId, SettlementStatus.SETTLED, "I1", "DESK", "m1", 2, "SM-1", "I2", List.of(), confirmation);
    }
}
