package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.TradeStatus;
import org.junit.jupiter.api.Test;

class BookStatusTest {
    @Test
    void reportsEachBookStatusAsTheTradeStatusOfTheSameName() {
        assertThat(BookStatus.UNMATCHED.toTradeStatus()).isEqualTo(TradeStatus.UNMATCHED);
        assertThat(BookStatus.MATCHED.toTradeStatus()).isEqualTo(TradeStatus.MATCHED);
        assertThat(BookStatus.MISMATCHED.toTradeStatus()).isEqualTo(TradeStatus.MISMATCHED);
        assertThat(BookStatus.SETTLED.toTradeStatus()).isEqualTo(TradeStatus.SETTLED);
        assertThat(BookStatus.CANCELLED.toTradeStatus()).isEqualTo(TradeStatus.CANCELLED);
    }
}
