package io.tradewind.model.trade;

import static io.tradewind.model.trade.RejectionCode.ALLOCATIONS_DO_NOT_SUM;
import static io.tradewind.model.trade.RejectionCode.DUPLICATE_ALLOCATION;
import static io.tradewind.model.trade.RejectionCode.EMPTY;
import static io.tradewind.model.trade.RejectionCode.INVALID_CHECK_DIGIT;
import static io.tradewind.model.trade.RejectionCode.INVALID_FORMAT;
import static io.tradewind.model.trade.RejectionCode.MALFORMED_JSON;
import static io.tradewind.model.trade.RejectionCode.MISSING;
import static io.tradewind.model.trade.RejectionCode.NOT_ALLOWED;
import static io.tradewind.model.trade.RejectionCode.NOT_AN_OBJECT;
import static io.tradewind.model.trade.RejectionCode.NOT_POSITIVE;
import static io.tradewind.model.trade.RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE;
import static io.tradewind.model.trade.RejectionCode.TOO_LARGE;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DECIMALS;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DIGITS;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_FIELD;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_VALUE;
import static io.tradewind.model.trade.RejectionCode.WRONG_TYPE;
import static io.tradewind.model.trade.Trades.aBrokerCancel;
import static io.tradewind.model.trade.Trades.aBrokerTrade;
import static io.tradewind.model.trade.Trades.anInvestmentManagerTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.BusinessDay;
import io.tradewind.model.Decoded;
import io.tradewind.model.wire.WireLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeMessageDecoderTest {
    private final TradeMessageDecoder decoder = new TradeMessageDecoder(BusinessDay.CLOCK);

    // --- valid messages

    @Test
    void decodesTheContractsExampleTradeKeepingDecimalScale() {
        TradeMessage trade = valid(aBrokerTrade().json());

        assertThat(trade)
                .isEqualTo(new TradeMessage(
                        "BRK001-0000001",
                        MessageType.NEW,
                        "BRK001",
                        SenderRole.BROKER,
                        "BRK001-T42",
                        "BRK001",
                        "IM042",
                        Side.BUY,
                        "US0378331005",
                        1000,
                        new BigDecimal("187.2500"),
                        "USD",
                        LocalDate.of(2026, 11, 20),
                        LocalDate.of(2026, 11, 23),
                        new BigDecimal("187250.00"),
                        List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400))));
        // BigDecimal.equals compares scale too; spell it out because matching tolerances depend on it.
        assertThat(trade.price().scale()).isEqualTo(4);
        assertThat(trade.netAmount().scale()).isEqualTo(2);
        assertThat(trade.isCancel()).isFalse();
    }

    @Test
    void decodesAnInvestmentManagerTrade() {
        TradeMessage trade = valid(anInvestmentManagerTrade().json());

        assertThat(trade.senderRole()).isEqualTo(SenderRole.INVESTMENT_MANAGER);
        assertThat(trade.senderId()).isEqualTo("IM042");
        assertThat(trade.tradeRef()).isEqualTo("IM042-T7");
    }

    @Test
    void decodesACancelWithOnlyItsFiveFields() {
        TradeMessage cancel = valid(aBrokerCancel().json());

        assertThat(cancel).isEqualTo(TradeMessage.cancel("BRK001-0000002", "BRK001", SenderRole.BROKER, "BRK001-T42"));
        assertThat(cancel.isCancel()).isTrue();
        assertThat(cancel.security()).isNull();
        assertThat(cancel.price()).isNull();
        assertThat(cancel.allocations()).isEmpty();
    }

    @Test
    void acceptsSettlementOnTheTradeDate() {
        assertThat(valid(aBrokerTrade().withSettlementDate("2026-11-20").json()).settlementDate())
                .isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void acceptsFewerDecimalsThanTheMaximum() {
        TradeMessage trade =
                valid(aBrokerTrade().withPrice("187").withNetAmount("187250.5").json());

        assertThat(trade.price()).isEqualTo(new BigDecimal("187"));
        assertThat(trade.netAmount()).isEqualTo(new BigDecimal("187250.5"));
    }

    @Test
    void acceptsABodyOfExactlyTheSizeLimit() {
        String json = aBrokerTrade().json();
        String padded = json + " ".repeat(TradeMessageDecoder.MAX_BODY_BYTES - json.length());

        assertThat(decoder.decode(padded)).isInstanceOf(DecodeResult.Valid.class);
    }

    // --- the body as a whole

    @Test
    void rejectsMalformedJson() {
        assertSingleRejection(decoder.decode("{\"messageId\":"), "body", MALFORMED_JSON);
        assertSingleRejection(decoder.decode("not json"), "body", MALFORMED_JSON);
    }

    @Test
    void rejectsAnEmptyOrMissingBody() {
        assertSingleRejection(decoder.decode(""), "body", MALFORMED_JSON);
        assertSingleRejection(decoder.decode("  "), "body", MALFORMED_JSON);
        assertSingleRejection(decoder.decode(null), "body", MALFORMED_JSON);
    }

    @Test
    void rejectsContentAfterTheObject() {
        assertSingleRejection(decoder.decode(aBrokerTrade().json() + " {}"), "body", MALFORMED_JSON);
    }

    @Test
    void rejectsDuplicateFieldsAsMalformed() {
        String json = aBrokerTrade().json().replaceFirst("\\{", "{\"quantity\":1,");

        assertSingleRejection(decoder.decode(json), "body", MALFORMED_JSON);
    }

    @Test
    void rejectsABodyOverTheSizeLimitBeforeParsingIt() {
        // Not JSON at all: TOO_LARGE rather than MALFORMED_JSON shows the size is checked before parsing.
        String body = "x".repeat(TradeMessageDecoder.MAX_BODY_BYTES + 1);

        assertSingleRejection(decoder.decode(body), "body", TOO_LARGE);
    }

    @Test
    void measuresTheSizeLimitInUtf8BytesNotCharacters() {
        String json = aBrokerTrade().json();
        // 'é' is two bytes in UTF-8: fewer characters than the limit, more bytes.
        String accents = "é".repeat((TradeMessageDecoder.MAX_BODY_BYTES - json.length()) / 2 + 1);
        String body = json.replace("ACC-1", "ACC-1" + accents);

        assertThat(body.length()).isLessThan(TradeMessageDecoder.MAX_BODY_BYTES);
        assertSingleRejection(decoder.decode(body), "body", TOO_LARGE);
    }

    @Test
    void rejectsABodyThatIsNotAJsonObject() {
        assertSingleRejection(decoder.decode("[1,2]"), "body", NOT_AN_OBJECT);
        assertSingleRejection(decoder.decode("\"trade\""), "body", NOT_AN_OBJECT);
        assertSingleRejection(decoder.decode("42"), "body", NOT_AN_OBJECT);
    }

    @Test
    void rejectsDeeplyNestedJsonWithoutThrowing() {
        String body = "[".repeat(5000) + "]".repeat(5000);

        assertSingleRejection(decoder.decode(body), "body", MALFORMED_JSON);
    }

    // --- missing, unknown and mistyped fields

    @ParameterizedTest
    @ValueSource(
            strings = {
                "messageId",
                "messageType",
                "senderId",
                "senderRole",
                "tradeRef",
                "executingBroker",
                "investmentManager",
                "side",
                "security",
                "quantity",
                "price",
                "currency",
                "tradeDate",
                "settlementDate",
                "netAmount",
                "allocations"
            })
    void rejectsEachMissingRequiredFieldOfANewTrade(String field) {
        assertSingleRejection(decoder.decode(aBrokerTrade().without(field).json()), field, MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageId", "messageType", "senderId", "senderRole", "tradeRef"})
    void rejectsEachMissingRequiredFieldOfACancel(String field) {
        assertSingleRejection(decoder.decode(aBrokerCancel().without(field).json()), field, MISSING);
    }

    @Test
    void rejectsAnExplicitNullAsMissing() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("price", "null").json()), "price", MISSING);
    }

    @Test
    void rejectsBlankStringsAsMissing() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().with("tradeRef", "  ").json()), "tradeRef", MISSING);
        assertSingleRejection(decoder.decode(aBrokerTrade().withPrice("").json()), "price", MISSING);
    }

    @Test
    void rejectsEachMissingFieldOfAnAllocation() {
        String json = aBrokerTrade()
                .withAllocations("1", "ACC-1", 600, "2", "ACC-2", 400)
                .withAllocationRaw(1, "account", "null")
                .json();

        assertSingleRejection(decoder.decode(json), "allocations[1].account", MISSING);
    }

    @Test
    void rejectsUnknownFieldsEachByName() {
        String json =
                aBrokerTrade().with("comment", "hi").withRaw("venue", "null").json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple("comment", UNKNOWN_FIELD), tuple("venue", UNKNOWN_FIELD));
    }

    @Test
    void rejectsUnknownFieldsOfAnAllocationByPath() {
        String json = aBrokerTrade().withAllocationRaw(0, "price", "\"1.0\"").json();

        assertSingleRejection(decoder.decode(json), "allocations[0].price", UNKNOWN_FIELD);
    }

    @Test
    void rejectsAQuantityGivenAsAString() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("quantity", "\"1000\"").json()), "quantity", WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "1000.0", "1e3"})
    void rejectsAQuantityThatIsNotAnInteger(String quantity) {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("quantity", quantity).json()), "quantity", WRONG_TYPE);
    }

    @Test
    void rejectsAQuantityBeyondSixtyFourBitsAsTooManyDigits() {
        String json = aBrokerTrade().withRaw("quantity", "9223372036854775808").json();

        assertSingleRejection(decoder.decode(json), "quantity", TOO_MANY_DIGITS);
    }

    @Test
    void rejectsAPriceGivenAsAJsonNumber() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("price", "187.25").json()), "price", WRONG_TYPE);
    }

    @Test
    void rejectsANetAmountGivenAsAJsonNumber() {
        String json = aBrokerTrade().withRaw("netAmount", "187250").json();

        assertSingleRejection(decoder.decode(json), "netAmount", WRONG_TYPE);
    }

    @Test
    void rejectsAStringFieldGivenAsAnotherType() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("messageId", "42").json()), "messageId", WRONG_TYPE);
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("side", "true").json()), "side", WRONG_TYPE);
    }

    @Test
    void rejectsAllocationsThatAreNotAnArrayOfObjects() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withRaw("allocations", "{}").json()), "allocations", WRONG_TYPE);
        assertSingleRejection(
                decoder.decode(aBrokerTrade()
                        .withRaw("allocations", "[{\"allocationId\":\"1\",\"account\":\"A\",\"quantity\":1000}, 5]")
                        .json()),
                "allocations[1]",
                WRONG_TYPE);
    }

    @Test
    void rejectsAnAllocationQuantityGivenAsAString() {
        String json = aBrokerTrade().withAllocationRaw(0, "quantity", "\"600\"").json();

        assertSingleRejection(decoder.decode(json), "allocations[0].quantity", WRONG_TYPE);
    }

    // --- values

    @ParameterizedTest
    @ValueSource(longs = {0, -1000})
    void rejectsAQuantityThatIsNotPositive(long quantity) {
        String json = aBrokerTrade().withQuantity(quantity).json();

        assertSingleRejection(decoder.decode(json), "quantity", NOT_POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0000", "-187.25"})
    void rejectsAPriceThatIsNotPositive(String price) {
        assertSingleRejection(decoder.decode(aBrokerTrade().withPrice(price).json()), "price", NOT_POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "-1.00"})
    void rejectsANetAmountThatIsNotPositive(String netAmount) {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withNetAmount(netAmount).json()), "netAmount", NOT_POSITIVE);
    }

    @Test
    void rejectsAnAllocationQuantityThatIsNotPositive() {
        String json = aBrokerTrade()
                .withAllocations("1", "ACC-1", 1000, "2", "ACC-2", 0)
                .json();

        assertSingleRejection(decoder.decode(json), "allocations[1].quantity", NOT_POSITIVE);
    }

    @Test
    void rejectsAllocationsThatDoNotSumToQuantity() {
        String json = aBrokerTrade()
                .withQuantity(1000)
                .withAllocations("1", "ACC-1", 600, "2", "ACC-2", 300)
                .json();

        assertSingleRejection(decoder.decode(json), "allocations", ALLOCATIONS_DO_NOT_SUM);
    }

    @Test
    void rejectsAllocationsWhoseSumExceedsTheLargestQuantity() {
        String json = aBrokerTrade()
                .withPrice("0.0001")
                .withQuantity(WireLimits.MAX_QUANTITY)
                .withAllocations("1", "ACC-1", WireLimits.MAX_QUANTITY, "2", "ACC-2", 1)
                .json();

        assertSingleRejection(decoder.decode(json), "allocations", ALLOCATIONS_DO_NOT_SUM);
    }

    @Test
    void rejectsATradeWithoutAllocations() {
        assertSingleRejection(decoder.decode(aBrokerTrade().withAllocations().json()), "allocations", EMPTY);
    }

    @Test
    void rejectsADuplicateAllocationId() {
        String json = aBrokerTrade()
                .withAllocations("1", "ACC-1", 600, "1", "ACC-2", 400)
                .json();

        assertSingleRejection(decoder.decode(json), "allocations[1].allocationId", DUPLICATE_ALLOCATION);
    }

    @Test
    void rejectsASettlementDateBeforeTheTradeDate() {
        String json = aBrokerTrade()
                .withTradeDate("2026-11-20")
                .withSettlementDate("2026-11-19")
                .json();

        assertSingleRejection(decoder.decode(json), "settlementDate", SETTLEMENT_BEFORE_TRADE_DATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageType", "senderRole", "side"})
    void rejectsAnUnknownValueOfAnEnumeratedField(String field) {
        assertSingleRejection(decoder.decode(aBrokerTrade().with(field, "AMEND").json()), field, UNKNOWN_VALUE);
    }

    @Test
    void rejectsEnumeratedValuesInTheWrongCase() {
        assertSingleRejection(decoder.decode(aBrokerTrade().with("side", "buy").json()), "side", UNKNOWN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "20261120", "2026-11-20T00:00:00", "20-11-2026", "+2026-11-20", "2026-1-20"})
    void rejectsADateThatIsNotAnIsoCalendarDate(String date) {
        assertSingleRejection(decoder.decode(aBrokerTrade().withTradeDate(date).json()), "tradeDate", INVALID_FORMAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDX", "U5D"})
    void rejectsACurrencyThatIsNotThreeUpperCaseLetters(String currency) {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withCurrency(currency).json()), "currency", INVALID_FORMAT);
    }

    @Test
    void rejectsACurrencyThatIsNotInIso4217() {
        assertSingleRejection(decoder.decode(aBrokerTrade().withCurrency("ABC").json()), "currency", UNKNOWN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"US037833100", "US03783310055", "us0378331005", "1S0378331005", "US037833100X", "US03783310-5"})
    void rejectsASecurityThatIsNotShapedLikeAnIsin(String isin) {
        assertSingleRejection(decoder.decode(aBrokerTrade().withSecurity(isin).json()), "security", INVALID_FORMAT);
    }

    @Test
    void rejectsAnIsinWithAWrongCheckDigit() {
        String json = aBrokerTrade().withSecurity("US0378331006").json();

        assertSingleRejection(decoder.decode(json), "security", INVALID_CHECK_DIGIT);
    }

    @Test
    void rejectsAPriceWithMoreThanFourSignificantDecimals() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withPrice("187.25001").json()), "price", TOO_MANY_DECIMALS);
    }

    @Test
    void rejectsANetAmountWithMoreThanTwoSignificantDecimals() {
        assertSingleRejection(
                decoder.decode(aBrokerTrade().withNetAmount("187250.001").json()), "netAmount", TOO_MANY_DECIMALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.8725E+2", "187,25", "+187.25", ".25", "187.", "NaN", "187.25 "})
    void rejectsAPriceThatIsNotAPlainDecimal(String price) {
        assertSingleRejection(decoder.decode(aBrokerTrade().withPrice(price).json()), "price", INVALID_FORMAT);
    }

    // --- cancels

    @Test
    void rejectsTradeFieldsOnACancelEachByName() {
        String json = aBrokerCancel()
                .with("security", "US0378331005")
                .withQuantity(1000)
                .json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple("security", NOT_ALLOWED), tuple("quantity", NOT_ALLOWED));
    }

    @Test
    void toleratesTradeFieldsSetToNullOnACancel() {
        String json = aBrokerCancel().withRaw("price", "null").json();

        assertThat(decoder.decode(json)).isInstanceOf(DecodeResult.Valid.class);
    }

    @Test
    void rejectsUnknownFieldsOnACancel() {
        assertSingleRejection(
                decoder.decode(aBrokerCancel().with("reason", "fat finger").json()), "reason", UNKNOWN_FIELD);
    }

    // --- collecting

    @Test
    void reportsEveryProblemOfAMessageNotJustTheFirst() {
        String json = aBrokerTrade()
                .without("messageId")
                .with("side", "HOLD")
                .withSecurity("US0378331006")
                .withRaw("quantity", "\"1000\"")
                .withRaw("price", "187.25")
                .withCurrency("usd")
                .withTradeDate("2026-11-20")
                .withSettlementDate("2026-11-19")
                .withAllocations("1", "ACC-1", 600, "1", "ACC-2", -400)
                .with("trader", "jo")
                .json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(
                        tuple("messageId", MISSING),
                        tuple("side", UNKNOWN_VALUE),
                        tuple("security", INVALID_CHECK_DIGIT),
                        tuple("quantity", WRONG_TYPE),
                        tuple("price", WRONG_TYPE),
                        tuple("currency", INVALID_FORMAT),
                        tuple("allocations[1].quantity", NOT_POSITIVE),
                        tuple("allocations[1].allocationId", DUPLICATE_ALLOCATION),
                        tuple("trader", UNKNOWN_FIELD),
                        tuple("settlementDate", SETTLEMENT_BEFORE_TRADE_DATE));
    }

    @Test
    void checksTheTradeFieldsWhenTheMessageTypeIsUnknown() {
        String json =
                aBrokerTrade().with("messageType", "AMEND").withQuantity(0).json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple("messageType", UNKNOWN_VALUE), tuple("quantity", NOT_POSITIVE));
    }

    @Test
    void givesEveryRejectionAHumanReadableDetail() {
        String json = aBrokerTrade().withPrice("187.25001").json();

        assertThat(rejections(json))
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("187.25001").contains("4"));
    }

    // --- helpers

    private TradeMessage valid(String json) {
        return Decoded.valid(decoder.decode(json));
    }

    private List<Rejection> rejections(String json) {
        return Decoded.rejections(decoder.decode(json));
    }

    private static void assertSingleRejection(DecodeResult<TradeMessage> result, String field, RejectionCode code) {
        Decoded.assertSingleRejection(result, field, code);
    }
}
