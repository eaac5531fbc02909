package io.tradewind.model.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradewind.model.trade.StatusReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementMessagesTest {

    @Test
    void aStatusReportWithoutReasonsHasAnEmptyListOfThem() {
        SettlementStatusReport report =
                new SettlementStatusReport("TW-SS-1", null, null, null, SettlementStatus.REJECTED, null, null, null);

        assertThat(report.reasons()).isEmpty();
    }

    @Test
    void aStatusReportKeepsItsReasonsWhateverTheCallerDoesToItsList() {
        List<StatusReason> reasons = new ArrayList<>(List.of(new StatusReason("quantity", "DIFFERENT", "600", "601")));
        SettlementStatusReport report = new SettlementStatusReport(
                "TW-SS-2", "TW-I-1", "i", "BRK001", SettlementStatus.MISMATCHED, null, "j", reasons);

        reasons.clear();

        assertThat(report.reasons()).hasSize(1);
    }

    @Test
    void aStatusReportNeedsAMessageIdAndAStatus() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementStatusReport(
                        " ", null, null, null, SettlementStatus.REJECTED, null, null, List.of()))
                .withMessageContaining("messageId");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementStatusReport("TW-SS-3", null, null, null, null, null, null, List.of()))
                .withMessageContaining("status");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "messageId",
                "settlementMatchId",
                "matchId",
                "allocationId",
                "deliverInstructionId",
                "receiveInstructionId"
            })
    void aConfirmationRefusesABlankFieldNamingIt(String field) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> confirmationWithBlank(field))
                .withMessageStartingWith(field + " ");
    }

    @Test
    void aConfirmationRefusesTheSameInstructionOnBothSides() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementConfirmation("TW-C-1", "SM-1", "M-1", "1", "i", "i"))
                .withMessageContaining("receiveInstructionId");
    }

    private static SettlementConfirmation confirmationWithBlank(String field) {
        return new SettlementConfirmation(
                field.equals("messageId") ? "" : "TW-C-1",
                field.equals("settlementMatchId") ? "" : "SM-1",
                field.equals("matchId") ? null : "M-1",
                field.equals("allocationId") ? " " : "1",
                field.equals("deliverInstructionId") ? null : "M-1-1-DELIVER",
                field.equals("receiveInstructionId") ? "" : "M-1-1-RECEIVE");
    }
}
