package io.tradewind.reconciliation.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedMessagesTest {

    @Test
    void aRejectedInputIsAnsweredByTheReportOfItsApp() {
        assertThat(ExpectedMessages.ofRejection("trade-matching", "BRK001|m1", "trades.inbound"))
                .containsExactly("TR-BRK001|m1");
        assertThat(ExpectedMessages.ofRejection("settlement-matching", "DESK|m1", "settlements.inbound"))
                .containsExactly("SR-DESK|m1");
    }

    @Test
    void aRejectedConfirmationIsAnsweredToNobody() {
        assertThat(ExpectedMessages.ofRejection(
                        "trade-matching", "settlement-matching|SC-1", "settlements.confirmations"))
                .isEmpty();
    }

    @Test
    void aMatchedTradeEventImpliesItsReportAndTwoInstructionsPerAllocation() {
        String event = "{\"reportMessageId\":\"TS-IM042|T1-v1\",\"status\":\"MATCHED\",\"matchId\":\"M-1\","
                + "\"settlement\":{\"allocations\":[{\"allocationId\":\"1\",\"account\":\"A\",\"quantity\":600},"
                + "{\"allocationId\":\"2\",\"account\":\"B\",\"quantity\":400}]}}";
        assertThat(ExpectedMessages.ofEvent(event))
                .containsExactly(
                        "TS-IM042|T1-v1",
                        "SI-M-1-1-DELIVER",
                        "SI-M-1-1-RECEIVE",
                        "SI-M-1-2-DELIVER",
                        "SI-M-1-2-RECEIVE");
    }

    @Test
    void aSettledInstructionEventImpliesItsReportAndTheConfirmationItCarries() {
        assertThat(ExpectedMessages.ofEvent(
                        "{\"reportMessageId\":\"SS-I1-v2\",\"confirmation\":{\"messageId\":\"SC-SM-1\"}}"))
                .containsExactly("SS-I1-v2", "SC-SM-1");
        assertThat(ExpectedMessages.ofEvent("{\"reportMessageId\":\"SS-I1-v1\",\"confirmation\":null}"))
                .containsExactly("SS-I1-v1");
    }
}
