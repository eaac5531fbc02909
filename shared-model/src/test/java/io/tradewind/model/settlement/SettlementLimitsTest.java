package io.tradewind.model.settlement;

import static io.tradewind.model.settlement.Instructions.aDelivery;
import static io.tradewind.model.trade.RejectionCode.FORBIDDEN_CHARACTER;
import static io.tradewind.model.trade.RejectionCode.OUT_OF_WINDOW;
import static io.tradewind.model.trade.RejectionCode.TOO_LONG;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DECIMALS;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DIGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.BusinessDay;
import io.tradewind.model.Decoded;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire limits as the settlement instruction decoder enforces them (today is 2026-11-23). */
class SettlementLimitsTest {
    private final SettlementInstructionDecoder decoder = new SettlementInstructionDecoder(BusinessDay.CLOCK);

    @ParameterizedTest
    @CsvSource({"messageId, 64", "instructionId, 64", "matchId, 64", "allocationId, 32", "party, 64", "counterparty, 64"
    })
    void rejectsEachIdOverItsLimit(String field, int limit) {
        assertThat(decoder.decode(aDelivery().with(field, "Z".repeat(limit)).json()))
                .isInstanceOf(DecodeResult.Valid.class);
        assertSingle(aDelivery().with(field, "Z".repeat(limit + 1)).json(), field, TOO_LONG);
    }

    @Test
    void rejectsNulInAParty() {
        assertSingle(aDelivery().with("party", "BRK\u0000001").json(), "party", FORBIDDEN_CHARACTER);
    }

    @Test
    void acceptsTrailingZerosBeyondTheAmountPrecision() {
        SettlementInstruction instruction =
                valid(aDelivery().withAmount("112350.000000").json());

        assertThat(instruction.settlementAmount()).isEqualTo(new BigDecimal("112350.00"));
    }

    @Test
    void rejectsAnAmountWithASignificantThirdDecimal() {
        assertSingle(aDelivery().withAmount("112350.005").json(), "settlementAmount", TOO_MANY_DECIMALS);
    }

    @Test
    void rejectsAnAmountWithMoreThan18IntegerDigits() {
        assertSingle(aDelivery().withAmount("1" + "0".repeat(18)).json(), "settlementAmount", TOO_MANY_DIGITS);
    }

    @Test
    void rejectsATradeDateOutsideTheWindow() {
        String json = aDelivery()
                .with("tradeDate", "2024-11-20")
                .with("intendedSettlementDate", "2024-11-23")
                .json();

        assertSingle(json, "tradeDate", OUT_OF_WINDOW);
    }

    @Test
    void rejectsAnIntendedSettlementDateMoreThan366DaysAfterTheTradeDate() {
        List<Rejection> rejections = rejections(
                aDelivery().with("intendedSettlementDate", "2027-11-22").json());

        assertThat(rejections)
                .extracting(Rejection::field, Rejection::code, Rejection::limit)
                .containsExactly(tuple("intendedSettlementDate", OUT_OF_WINDOW, "from 2026-11-20 to 2027-11-21"));
    }

    @Test
    void readsNoIdentityOutsideTheLimits() {
        String json = aDelivery()
                .with("messageId", "m".repeat(3000))
                .with("party", "BRK\u0000")
                .withQuantity(0)
                .json();

        assertThat(SettlementInstructionDecoder.readableIdentity(json))
                .isEqualTo(
                        new SettlementInstructionDecoder.ReadableIdentity(null, "M-8da1b3c8ac6021d3-1-DELIVER", null));
    }

    private SettlementInstruction valid(String json) {
        return Decoded.valid(decoder.decode(json));
    }

    private List<Rejection> rejections(String json) {
        return Decoded.rejections(decoder.decode(json));
    }

    private void assertSingle(String json, String field, RejectionCode code) {
        Decoded.assertSingleRejection(decoder.decode(json), field, code);
    }
}
