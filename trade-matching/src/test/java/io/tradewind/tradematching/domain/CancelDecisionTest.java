package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CancelDecisionTest {
    @Test
    void cancelsAnUnmatchedTradeAndTouchesNoCounterpart() {
        CancelDecision decision = CancelDecision.of(BookStatus.UNMATCHED);

        assertThat(decision).isInstanceOf(CancelDecision.Cancelled.class);
        CancelDecision.Cancelled cancelled = (CancelDecision.Cancelled) decision;
        assertThat(cancelled.cancelledTradeStatus()).isEqualTo(BookStatus.CANCELLED);
        assertThat(cancelled.releasesCounterpart()).isFalse();
        assertThat(cancelled.counterpartStatus()).isEmpty();
    }

    @Test
    void cancelsAMatchedButUnsettledTradeAndReturnsItsCounterpartToUnmatched() {
        CancelDecision decision = CancelDecision.of(BookStatus.MATCHED);

        assertThat(decision).isInstanceOf(CancelDecision.Cancelled.class);
        CancelDecision.Cancelled cancelled = (CancelDecision.Cancelled) decision;
        assertThat(cancelled.cancelledTradeStatus()).isEqualTo(BookStatus.CANCELLED);
        assertThat(cancelled.counterpartStatus()).isEqualTo(Optional.of(BookStatus.UNMATCHED));
    }

    @Test
    void cancelsAMismatchedTradeAndReturnsItsCounterpartToUnmatched() {
        CancelDecision decision = CancelDecision.of(BookStatus.MISMATCHED);

        assertThat(decision).isInstanceOf(CancelDecision.Cancelled.class);
        CancelDecision.Cancelled cancelled = (CancelDecision.Cancelled) decision;
        assertThat(cancelled.cancelledTradeStatus()).isEqualTo(BookStatus.CANCELLED);
        assertThat(cancelled.counterpartStatus()).isEqualTo(Optional.of(BookStatus.UNMATCHED));
    }

    @Test
    void refusesToCancelASettledTrade() {
        assertThat(CancelDecision.of(BookStatus.SETTLED))
                .isEqualTo(new CancelDecision.Refused(
                        BookStatus.SETTLED, "ALREADY_SETTLED", "a settled trade cannot be cancelled"));
    }

    @Test
    void refusesToCancelATradeTwice() {
        assertThat(CancelDecision.of(BookStatus.CANCELLED))
                .isEqualTo(new CancelDecision.Refused(
                        BookStatus.CANCELLED, "ALREADY_CANCELLED", "the trade is already cancelled"));
    }

    @Test
    void requiresTheCurrentStatus() {
        assertThatThrownBy(() -> CancelDecision.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("status");
    }
}
