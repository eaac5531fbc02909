package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatchIdsTest {
    @Test
    void isTheSameWhicheverTradeIdComesFirst() {
        assertThat(MatchIds.of("BRK001|BRK001-T42", "IM042|IM042-T7"))
                .isEqualTo(MatchIds.of("IM042|IM042-T7", "BRK001|BRK001-T42"));
    }

    @Test
    void isMPrefixedSixteenHexDigits() {
        assertThat(MatchIds.of("BRK001|BRK001-T42", "IM042|IM042-T7")).matches("M-[0-9a-f]{16}");
    }

    @Test
    void staysStableAcrossReleasesSoReplaysReproduceIt() {
        // Pinned (= sha256sum of "BRK001|BRK001-T42\nIM042|IM042-T7"): a new scheme would give a replayed pair a second
        // id.
        assertThat(MatchIds.of("BRK001|BRK001-T42", "IM042|IM042-T7")).isEqualTo("M-8da1b3c8ac6021d3");
    }

    @Test
    void differsForDifferentPairs() {
        assertThat(MatchIds.of("BRK001|BRK001-T42", "IM042|IM042-T7"))
                .isNotEqualTo(MatchIds.of("BRK001|BRK001-T43", "IM042|IM042-T7"));
    }

    @Test
    void refusesToPairATradeWithItself() {
        assertThatThrownBy(() -> MatchIds.of("BRK001|BRK001-T42", "BRK001|BRK001-T42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BRK001|BRK001-T42");
    }
}
