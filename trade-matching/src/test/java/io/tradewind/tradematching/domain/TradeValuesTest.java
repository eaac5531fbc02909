package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.values.ParticipantId;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The typed values of the book refuse what breaks their rules and name the field at fault. */
class TradeValuesTest {
    @Test
    void refusesAQuantityThatIsNotPositive() {
        assertThatThrownBy(() -> new Quantity(0)).hasMessage("quantity must be positive: 0");
    }

    @Test
    void refusesAPriceThatIsNotPositive() {
        assertThatThrownBy(() -> new Price(new BigDecimal("-1.00"), "USD")).hasMessage("price must be positive: -1.00");
    }

    @Test
    void refusesACurrencyThatIsNotThreeUpperCaseLetters() {
        assertThatThrownBy(() -> new Money(BigDecimal.TEN, "usd"))
                .hasMessage("currency must be three upper-case letters: usd");
    }

    @Test
    void refusesASecurityThatIsNotAnIsin() {
        assertThatThrownBy(() -> new Security("APPLE")).hasMessage("security is not an ISIN: APPLE");
    }

    @Test
    void refusesABlankParticipantOrTradeId() {
        assertThatThrownBy(() -> new ParticipantId(" ")).hasMessageStartingWith("participantId must not be blank");
        assertThatThrownBy(() -> new TradeId("")).hasMessageStartingWith("tradeId must not be blank");
    }

    @Test
    void aTradesIdIsItsSenderAndReference() {
        assertThat(TradeId.of(new ParticipantId("BRK001"), "T42")).isEqualTo(new TradeId("BRK001|T42"));
        assertThatThrownBy(
                        () -> Trades.aBrokerTrade().withTradeRef("T42").build().withAllocations(null))
                .hasMessage("allocations is required");
    }

    @Test
    void refusesATradeWhoseNetAmountIsInAnotherCurrencyThanItsPrice() {
        BookedTrade trade = Trades.aBrokerTrade().build();

        assertThatThrownBy(() -> new BookedTrade(
                        trade.id(),
                        trade.sender(),
                        trade.role(),
                        trade.tradeRef(),
                        trade.messageId(),
                        trade.executingBroker(),
                        trade.investmentManager(),
                        trade.side(),
                        trade.security(),
                        trade.quantity(),
                        trade.price(),
                        trade.tradeDate(),
                        trade.settlementDate(),
                        new Money(trade.netAmount().amount(), "EUR"),
                        trade.allocations(),
                        trade.arrivalSequence(),
                        trade.status(),
                        trade.version(),
                        trade.matchId(),
                        trade.counterpartId()))
                .hasMessage("netAmount currency EUR differs from price currency USD");
    }

    @Test
    void aReceivedTradeIsNeverReported() {
        assertThatThrownBy(BookStatus.RECEIVED::toTradeStatus).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CancelDecision.of(BookStatus.RECEIVED)).isInstanceOf(IllegalArgumentException.class);
    }
}
