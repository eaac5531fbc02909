package io.tradewind.model.trade;

import static io.tradewind.model.trade.RejectionCode.FORBIDDEN_CHARACTER;
import static io.tradewind.model.trade.RejectionCode.NOT_UTF8;
import static io.tradewind.model.trade.RejectionCode.OUT_OF_RANGE;
import static io.tradewind.model.trade.RejectionCode.OUT_OF_WINDOW;
import static io.tradewind.model.trade.RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE;
import static io.tradewind.model.trade.RejectionCode.TOO_LONG;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DECIMALS;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DIGITS;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_ITEMS;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_FIELD;
import static io.tradewind.model.trade.Trades.aBrokerCancel;
import static io.tradewind.model.trade.Trades.aBrokerTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.BusinessDay;
import io.tradewind.model.Decoded;
import io.tradewind.model.wire.BusinessDateWindow;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.model.wire.WireText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The limits of {@link WireLimits} as the trade decoder enforces them, one behaviour per test. */
class TradeMessageLimitsTest {
    private final TradeMessageDecoder decoder = new TradeMessageDecoder(BusinessDay.CLOCK);

    // --- ids

    @Test
    void acceptsAMessageIdOfExactly64Characters() {
        String id = "M".repeat(64);

        assertThat(valid(aBrokerTrade().with("messageId", id).json()).messageId())
                .isEqualTo(id);
    }

    @Test
    void rejectsMessageIdLongerThan64Characters() {
        Rejection rejection =
                single(aBrokerTrade().with("messageId", "M".repeat(65)).json());

        assertThat(rejection.field()).isEqualTo("messageId");
        assertThat(rejection.code()).isEqualTo(TOO_LONG);
        assertThat(rejection.limit()).isEqualTo("64 characters at most");
    }

    @Test
    void rejectsSenderIdLongerThan32Characters() {
        Rejection rejection =
                single(aBrokerCancel().with("senderId", "B".repeat(33)).json());

        assertThat(rejection.field()).isEqualTo("senderId");
        assertThat(rejection.code()).isEqualTo(TOO_LONG);
        assertThat(rejection.limit()).isEqualTo("32 characters at most");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tradeRef", "executingBroker", "investmentManager"})
    void rejectsEachIdOfATradeOverItsLimit(String field) {
        int limit = field.equals("tradeRef") ? WireLimits.MAX_ID_LENGTH : WireLimits.MAX_PARTICIPANT_ID_LENGTH;

        assertThat(valid(aBrokerTrade().with(field, "X".repeat(limit)).json())).isNotNull();
        assertSingle(aBrokerTrade().with(field, "X".repeat(limit + 1)).json(), field, TOO_LONG);
    }

    @Test
    void rejectsAnAllocationIdLongerThan32CharactersAndAnAccountLongerThan64() {
        String json = aBrokerTrade()
                .withAllocations("1".repeat(33), "ACC-1", 600, "2", "A".repeat(65), 400)
                .json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(
                        tuple("allocations[0].allocationId", TOO_LONG), tuple("allocations[1].account", TOO_LONG));
    }

    @Test
    void rejectsAThreeKilobyteMessageIdWithoutRepeatingIt() {
        Rejection rejection =
                single(aBrokerTrade().with("messageId", "x".repeat(3072)).json());

        assertThat(rejection.code()).isEqualTo(TOO_LONG);
        assertThat(rejection.detail())
                .startsWith("3072 characters")
                .hasSizeLessThan(100)
                .endsWith("…'");
    }

    @Test
    void rejectsNulInAnIdNamingItWithoutRepeatingIt() {
        Rejection rejection =
                single(aBrokerTrade().with("messageId", "BRK001\u0000-1").json());

        assertThat(rejection.code()).isEqualTo(FORBIDDEN_CHARACTER);
        assertThat(rejection.detail()).contains("U+0000").doesNotContain("\u0000");
        assertThat(rejection.limit()).isEqualTo("only [A-Za-z0-9._:/-]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0007b", "a\u001Fb", "a\u007Fb", "a\u0085b", "a\u009Fb", "é", "a b", "a|b", "a\u202Eb"})
    void rejectsIdsWithCharactersOutsideTheIdSet(String id) {
        assertSingle(aBrokerTrade().with("tradeRef", id).json(), "tradeRef", FORBIDDEN_CHARACTER);
    }

    @Test
    void rejectsALoneSurrogateEscapedInAnId() {
        String json = aBrokerTrade().json().replace("\"BRK001-T42\"", "\"BRK\\ud800001\"");

        assertSingle(json, "tradeRef", FORBIDDEN_CHARACTER);
    }

    // --- the body's encoding

    @Test
    void rejectsABodyWhoseBytesWereNotUtf8() {
        byte[] bytes = aBrokerTrade().json().replace("ACC-1", "ACC-\u00e9").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = aBrokerTrade().json().replace("ACC-1", "ACC-\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        WireText.Utf8Body body = WireText.decodeUtf8(latin1);

        assertThat(WireText.decodeUtf8(bytes).validUtf8()).isTrue();
        assertThat(body.validUtf8()).isFalse();
        Rejection rejection = single(body.text());
        assertThat(rejection.field()).isEqualTo("body");
        assertThat(rejection.code()).isEqualTo(NOT_UTF8);
    }

    @Test
    void rejectsABodyHoldingALoneSurrogateAsNotUtf8() {
        assertSingle(aBrokerTrade().json().replace("ACC-1", "ACC-\uDC00"), "body", NOT_UTF8);
    }

    // --- numbers

    @Test
    void acceptsTrailingZerosBeyondThePricePrecisionAsTheSameValue() {
        TradeMessage trade = valid(aBrokerTrade().withPrice("187.250000").json());

        assertThat(trade.price()).isEqualTo(new BigDecimal("187.2500"));
        assertThat(trade.price()).isEqualByComparingTo("187.25");
    }

    @Test
    void acceptsTrailingZerosBeyondTheNetAmountPrecision() {
        assertThat(valid(aBrokerTrade().withNetAmount("187250.0000").json()).netAmount())
                .isEqualTo(new BigDecimal("187250.00"));
    }

    @Test
    void rejectsASignificantDecimalBeyondThePricePrecisionInsteadOfRoundingIt() {
        Rejection rejection = single(aBrokerTrade().withPrice("187.25001").json());

        assertThat(rejection.code()).isEqualTo(TOO_MANY_DECIMALS);
        assertThat(rejection.limit()).isEqualTo("4 decimal places at most");
    }

    @Test
    void acceptsLeadingZerosWhichAreNotDigitsOfThePrice() {
        assertThat(valid(aBrokerTrade().withPrice("0000187.25").json()).price()).isEqualByComparingTo("187.25");
    }

    @Test
    void rejectsAPriceWithMoreThan12IntegerDigits() {
        Rejection rejection = single(aBrokerTrade().withPrice("1234567890123").json());

        assertThat(rejection.code()).isEqualTo(TOO_MANY_DIGITS);
        assertThat(rejection.limit()).isEqualTo("12 integer digits at most");
    }

    @Test
    void rejectsANetAmountWithMoreThan18IntegerDigits() {
        assertSingle(aBrokerTrade().withNetAmount("1234567890123456789").json(), "netAmount", TOO_MANY_DIGITS);
    }

    @Test
    void rejectsAHundredThousandDigitPriceByItsDigitsWithoutRepeatingIt() {
        Rejection rejection =
                single(aBrokerTrade().withPrice("9".repeat(100_000)).json());

        assertThat(rejection.code()).isEqualTo(TOO_MANY_DIGITS);
        assertThat(rejection.detail()).hasSizeLessThan(120);
    }

    @Test
    void rejectsAPriceStringPaddedBeyond32Characters() {
        Rejection rejection =
                single(aBrokerTrade().withPrice("187.25" + "0".repeat(100_000)).json());

        assertThat(rejection.code()).isEqualTo(TOO_LONG);
        assertThat(rejection.limit()).isEqualTo("32 characters at most");
    }

    @Test
    void rejectsAQuantityOfSixteenDigits() {
        List<Rejection> rejections = rejections(aBrokerTrade()
                .withPrice("0.0001")
                .withQuantity(1_000_000_000_000_000L)
                .withAllocations("1", "ACC-1", 1_000_000_000_000_000L)
                .json());

        assertThat(rejections).extracting(Rejection::field).containsExactly("quantity", "allocations[0].quantity");
        assertThat(rejections).extracting(Rejection::code).containsOnly(TOO_MANY_DIGITS);
        assertThat(rejections).extracting(Rejection::limit).containsOnly("15 digits at most");
    }

    @Test
    void acceptsAQuantityOfFifteenDigits() {
        String json = aBrokerTrade()
                .withPrice("0.0001")
                .withQuantity(WireLimits.MAX_QUANTITY)
                .withAllocations("1", "ACC-1", WireLimits.MAX_QUANTITY)
                .json();

        assertThat(valid(json).quantity()).isEqualTo(WireLimits.MAX_QUANTITY);
    }

    @Test
    void rejectsAJsonNumberOfAHundredThousandDigitsBeforeItBecomesANumber() {
        String json = aBrokerTrade().json().replace("\"quantity\":1000", "\"quantity\":" + "1".repeat(100_000));

        Rejection rejection = single(json);
        assertThat(rejection.field()).isEqualTo("body");
        assertThat(rejection.code()).isEqualTo(TOO_MANY_DIGITS);
        assertThat(rejection.limit()).isEqualTo("1000 digits per JSON number at most");
    }

    @Test
    void rejectsAPriceTimesQuantityBeyondTheAmountLimit() {
        String json = aBrokerTrade()
                .withPrice("999999999999")
                .withQuantity(WireLimits.MAX_QUANTITY)
                .withAllocations("1", "ACC-1", WireLimits.MAX_QUANTITY)
                .json();

        assertSingle(json, "quantity", OUT_OF_RANGE);
    }

    @Test
    void rejectsMoreThan1000Allocations() {
        Object[] allocations = new Object[3 * 1001];
        for (int i = 0; i < 1001; i++) {
            allocations[3 * i] = Integer.toString(i);
            allocations[3 * i + 1] = "ACC-" + i;
            allocations[3 * i + 2] = 1L;
        }
        Rejection rejection = single(
                aBrokerTrade().withQuantity(1001).withAllocations(allocations).json());

        assertThat(rejection.code()).isEqualTo(TOO_MANY_ITEMS);
        assertThat(rejection.limit()).isEqualTo("1000 allocations at most");
    }

    // --- business dates (today is 2026-11-23)

    @Test
    void acceptsATradeDateFrom366DaysAgoToTomorrow() {
        assertThat(valid(aBrokerTrade()
                                .withTradeDate("2025-11-22")
                                .withSettlementDate("2025-11-25")
                                .json())
                        .tradeDate())
                .isEqualTo("2025-11-22");
        assertThat(valid(aBrokerTrade()
                                .withTradeDate("2026-11-24")
                                .withSettlementDate("2026-11-26")
                                .json())
                        .tradeDate())
                .isEqualTo("2026-11-24");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-21", "2026-11-25", "0001-01-01", "9999-12-31"})
    void rejectsATradeDateOutsideTheWindowNamingIt(String tradeDate) {
        Rejection rejection = single(aBrokerTrade()
                .withTradeDate(tradeDate)
                .withSettlementDate(tradeDate)
                .json());

        assertThat(rejection.field()).isEqualTo("tradeDate");
        assertThat(rejection.code()).isEqualTo(OUT_OF_WINDOW);
        assertThat(rejection.limit()).isEqualTo("from 2025-11-22 to 2026-11-24");
    }

    @Test
    void rejectsASettlementDateMoreThan366DaysAfterTheTradeDate() {
        assertThat(valid(aBrokerTrade().withSettlementDate("2027-11-21").json()))
                .isNotNull();
        Rejection rejection =
                single(aBrokerTrade().withSettlementDate("2027-11-22").json());

        assertThat(rejection.field()).isEqualTo("settlementDate");
        assertThat(rejection.code()).isEqualTo(OUT_OF_WINDOW);
        assertThat(rejection.limit()).isEqualTo("from 2026-11-20 to 2027-11-21");
    }

    @Test
    void namesTheWindowOfASettlementDateBeforeTheTradeDate() {
        Rejection rejection =
                single(aBrokerTrade().withSettlementDate("2026-11-19").json());

        assertThat(rejection.code()).isEqualTo(SETTLEMENT_BEFORE_TRADE_DATE);
        assertThat(rejection.limit()).isEqualTo("from 2026-11-20 to 2027-11-21");
    }

    @Test
    void takesItsWindowAsAConstructorParameter() {
        TradeMessageDecoder sameDayOnly = new TradeMessageDecoder(BusinessDay.CLOCK, new BusinessDateWindow(0, 0, 3));

        assertThat(sameDayOnly.decode(aBrokerTrade().json())).isInstanceOf(DecodeResult.Rejected.class);
        assertThat(sameDayOnly.decode(aBrokerTrade()
                        .withTradeDate("2026-11-23")
                        .withSettlementDate("2026-11-26")
                        .json()))
                .isInstanceOf(DecodeResult.Valid.class);
    }

    // --- what a rejection repeats

    @Test
    void namesAnUnknownFieldWithAHostileNameWithoutRepeatingIt() {
        String json =
                aBrokerCancel().with("x\u0000".repeat(2000), "1").with("", "2").json();

        assertThat(rejections(json))
                .extracting(Rejection::field)
                .allSatisfy(field ->
                        assertThat(field).isNotBlank().hasSizeLessThan(80).doesNotContain("\u0000"));
        assertThat(rejections(json)).extracting(Rejection::code).containsOnly(UNKNOWN_FIELD);
    }

    @Test
    void givesTheLimitToTheStatusReportAsTheirs() {
        StatusReason reason = StatusReason.of(
                single(aBrokerTrade().with("messageId", "M".repeat(65)).json()));

        assertThat(reason.code()).isEqualTo("TOO_LONG");
        assertThat(reason.ours()).startsWith("65 characters");
        assertThat(reason.theirs()).isEqualTo("64 characters at most");
    }

    // --- helpers

    private TradeMessage valid(String json) {
        return Decoded.valid(decoder.decode(json));
    }

    private List<Rejection> rejections(String json) {
        return Decoded.rejections(decoder.decode(json));
    }

    private Rejection single(String json) {
        return Decoded.single(decoder.decode(json));
    }

    private void assertSingle(String json, String field, RejectionCode code) {
        Decoded.assertSingleRejection(decoder.decode(json), field, code);
    }
}
