package io.tradewind.tradematching.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.TradeStatus;
import org.junit.jupiter.api.Test;

class TradeEventTest {
    @Test
    void aReportsIdIsTheSameOnEveryReplayOfOneChange() {
        assertThat(TradeEvent.reportId("IM009|T1", 2, TradeStatus.MISMATCHED))
                .isEqualTo(TradeEvent.reportId("IM009|T1", 2, TradeStatus.MISMATCHED))
                .isEqualTo("TS-IM009|T1-v2-MISMATCHED");
    }

    /**
     * A region lost in a failover sent version 1 of a trade as UNMATCHED; the survivor, whose database lost that, can
     * reach version 1 as MISMATCHED. Under one id the second report would be dropped as a repeat of the first.
     */
    @Test
    void oneVersionReachedWithDifferentStatusesInDivergedHistoriesGetsTwoIds() {
        assertThat(TradeEvent.reportId("IM009|T1", 1, TradeStatus.UNMATCHED))
                .isNotEqualTo(TradeEvent.reportId("IM009|T1", 1, TradeStatus.MISMATCHED));
    }
}
