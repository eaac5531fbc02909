package io.tradewind.settlementmatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SettlementMatchIdsTest {
    private static final String DELIVER = "M-8da1b3c8ac6021d3|1|DELIVER";
    private static final String RECEIVE = "M-8da1b3c8ac6021d3|1|RECEIVE";

    @Test
    void isTheSameWhicheverInstructionComesFirst() {
        assertThat(SettlementMatchIds.of(DELIVER, RECEIVE)).isEqualTo(SettlementMatchIds.of(RECEIVE, DELIVER));
    }

    @Test
    void isSmPrefixedSixteenHexDigits() {
        assertThat(SettlementMatchIds.of(DELIVER, RECEIVE)).matches("SM-[0-9a-f]{16}");
    }

    @Test
    void staysStableAcrossReleasesSoReplaysReproduceIt() {
        // Pinned (= sha256sum of DELIVER + "\n" + RECEIVE): a new scheme would give a replayed pair a second id.
        assertThat(SettlementMatchIds.of(DELIVER, RECEIVE)).isEqualTo("SM-ba2c87be4ea8c10f");
    }

    @Test
    void differsForDifferentPairs() {
        assertThat(SettlementMatchIds.of(DELIVER, RECEIVE))
                .isNotEqualTo(SettlementMatchIds.of(DELIVER, "M-8da1b3c8ac6021d3|2|RECEIVE"));
    }

    @Test
    void refusesToPairAnInstructionWithItself() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SettlementMatchIds.of(DELIVER, DELIVER))
                .withMessageContaining(DELIVER);
    }

    @Test
    void refusesABlankIdNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SettlementMatchIds.of(DELIVER, " "))
                .withMessageContaining("instructionIdB");
    }
}
