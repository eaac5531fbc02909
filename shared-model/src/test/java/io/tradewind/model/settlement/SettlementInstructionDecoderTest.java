package io.tradewind.model.settlement;

import static io.tradewind.model.settlement.Instructions.aDelivery;
import static io.tradewind.model.trade.RejectionCode.INVALID_CHECK_DIGIT;
import static io.tradewind.model.trade.RejectionCode.INVALID_FORMAT;
import static io.tradewind.model.trade.RejectionCode.MALFORMED_JSON;
import static io.tradewind.model.trade.RejectionCode.MISSING;
import static io.tradewind.model.trade.RejectionCode.NOT_AN_OBJECT;
import static io.tradewind.model.trade.RejectionCode.NOT_POSITIVE;
import static io.tradewind.model.trade.RejectionCode.SAME_PARTY;
import static io.tradewind.model.trade.RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE;
import static io.tradewind.model.trade.RejectionCode.TOO_LARGE;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DECIMALS;
import static io.tradewind.model.trade.RejectionCode.TOO_MANY_DIGITS;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_FIELD;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_VALUE;
import static io.tradewind.model.trade.RejectionCode.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.BusinessDay;
import io.tradewind.model.Decoded;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.wire.WireCodec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettlementInstructionDecoderTest {
    private static final List<String> EVERY_FIELD = List.of(
            "messageId",
            "instructionId",
            "matchId",
            "allocationId",
            "direction",
            "party",
            "counterparty",
            "security",
            "quantity",
            "settlementAmount",
            "currency",
            "tradeDate",
            "intendedSettlementDate");

    private final SettlementInstructionDecoder decoder = new SettlementInstructionDecoder(BusinessDay.CLOCK);

    // --- valid instructions

    @Test
    void decodesTheContractsInstructionKeepingTheAmountsScale() {
        SettlementInstruction instruction = valid(aDelivery().json());

        assertThat(instruction)
                .isEqualTo(new SettlementInstruction(
                        "TW-I-1",
                        "M-8da1b3c8ac6021d3-1-DELIVER",
                        "M-8da1b3c8ac6021d3",
                        "1",
                        Direction.DELIVER,
                        "BRK001",
                        "IM042",
                        "US0378331005",
                        600,
                        new BigDecimal("112350.00"),
                        "USD",
                        LocalDate.of(2026, 11, 20),
                        LocalDate.of(2026, 11, 23)));
        assertThat(instruction.settlementAmount().scale()).isEqualTo(2);
    }

    @Test
    void readsBackEveryInstructionTheWireCodecWrites() {
        SettlementInstruction receipt = new SettlementInstruction(
                "TW-I-2",
                "M-8da1b3c8ac6021d3-1-RECEIVE",
                "M-8da1b3c8ac6021d3",
                "1",
                Direction.RECEIVE,
                "IM042",
                "BRK001",
                "US0378331005",
                600,
                new BigDecimal("112350.5"),
                "USD",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 20));

        assertThat(decoder.decode(WireCodec.encode(receipt))).isEqualTo(new DecodeResult.Valid<>(receipt));
    }

    @Test
    void acceptsSettlementOnTheTradeDate() {
        assertThat(valid(aDelivery()
                                .with("intendedSettlementDate", "2026-11-20")
                                .json())
                        .intendedSettlementDate())
                .isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void acceptsABodyOfExactlyTheSizeLimit() {
        String json = aDelivery().json();
        String padded = json + " ".repeat(SettlementInstructionDecoder.MAX_BODY_BYTES - json.length());

        assertThat(decoder.decode(padded)).isInstanceOf(DecodeResult.Valid.class);
    }

    // --- the body as a whole

    @Test
    void rejectsABodyOverTheSizeLimitBeforeParsingIt() {
        // Not JSON at all: TOO_LARGE rather than MALFORMED_JSON shows the size is checked before parsing.
        String body = "x".repeat(SettlementInstructionDecoder.MAX_BODY_BYTES + 1);

        assertSingleRejection(body, "body", TOO_LARGE);
    }

    @Test
    void rejectsMalformedJson() {
        assertSingleRejection("{\"messageId\":", "body", MALFORMED_JSON);
        assertSingleRejection("", "body", MALFORMED_JSON);
        assertSingleRejection(null, "body", MALFORMED_JSON);
    }

    @Test
    void rejectsContentAfterTheObjectAsMalformed() {
        assertSingleRejection(aDelivery().json() + " {}", "body", MALFORMED_JSON);
    }

    @Test
    void rejectsABodyThatIsNotAJsonObject() {
        assertSingleRejection("[1,2]", "body", NOT_AN_OBJECT);
        assertSingleRejection("\"instruction\"", "body", NOT_AN_OBJECT);
    }

    // --- missing, unknown and mistyped fields

    @Test
    void rejectsEachMissingField() {
        for (String field : EVERY_FIELD) {
            assertSingleRejection(aDelivery().without(field).json(), field, MISSING);
        }
    }

    @Test
    void rejectsEachNullFieldAsMissing() {
        for (String field : EVERY_FIELD) {
            assertSingleRejection(aDelivery().withRaw(field, "null").json(), field, MISSING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageId", "instructionId", "matchId", "allocationId", "party", "counterparty"})
    void rejectsABlankTextFieldAsMissing(String field) {
        assertSingleRejection(aDelivery().with(field, "  ").json(), field, MISSING);
    }

    @Test
    void rejectsAFieldTheContractDoesNotDefine() {
        assertSingleRejection(aDelivery().with("account", "ACC-1").json(), "account", UNKNOWN_FIELD);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "instructionId          | 42",
                "direction              | true",
                "party                  | {\"id\":\"BRK001\"}",
                "quantity               | \"600\"",
                "quantity               | 600.5",
                "settlementAmount       | 112350.00",
                "tradeDate              | 20261120"
            })
    void rejectsAFieldOfTheWrongJsonType(String field, String json) {
        assertSingleRejection(aDelivery().withRaw(field, json).json(), field, WRONG_TYPE);
    }

    // --- values

    @Test
    void rejectsADirectionOtherThanDeliverOrReceive() {
        assertSingleRejection(aDelivery().with("direction", "deliver").json(), "direction", UNKNOWN_VALUE);
    }

    @Test
    void rejectsASecurityThatIsNotAnIsin() {
        assertSingleRejection(aDelivery().with("security", "AAPL").json(), "security", INVALID_FORMAT);
    }

    @Test
    void rejectsAnIsinWithAWrongCheckDigit() {
        assertSingleRejection(aDelivery().with("security", "US0378331006").json(), "security", INVALID_CHECK_DIGIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDX"})
    void rejectsACurrencyThatIsNotThreeUpperCaseLetters(String currency) {
        assertSingleRejection(aDelivery().with("currency", currency).json(), "currency", INVALID_FORMAT);
    }

    @Test
    void rejectsThreeLettersThatNameNoCurrency() {
        assertSingleRejection(aDelivery().with("currency", "ABC").json(), "currency", UNKNOWN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1235E+5", "112,350.00", "+112350.00"})
    void rejectsAnAmountThatIsNotAPlainDecimalString(String amount) {
        assertSingleRejection(aDelivery().withAmount(amount).json(), "settlementAmount", INVALID_FORMAT);
    }

    @Test
    void rejectsAnAmountWithMoreThanTwoSignificantDecimals() {
        assertSingleRejection(aDelivery().withAmount("112350.001").json(), "settlementAmount", TOO_MANY_DECIMALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.00", "-112350.00"})
    void rejectsAnAmountThatIsNotPositive(String amount) {
        assertSingleRejection(aDelivery().withAmount(amount).json(), "settlementAmount", NOT_POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -600})
    void rejectsAQuantityThatIsNotPositive(long quantity) {
        assertSingleRejection(aDelivery().withQuantity(quantity).json(), "quantity", NOT_POSITIVE);
    }

    @Test
    void rejectsAQuantityBeyondSixtyFourBitsAsTooManyDigits() {
        assertSingleRejection(
                aDelivery().withRaw("quantity", "9223372036854775808").json(), "quantity", TOO_MANY_DIGITS);
    }

    @ParameterizedTest
    @CsvSource({
        "tradeDate, 2026/11/20",
        "tradeDate, 2026-02-30",
        "intendedSettlementDate, 23-11-2026",
        "intendedSettlementDate, 2026-11-23T00:00:00Z"
    })
    void rejectsADateThatIsNotAnIsoCalendarDate(String field, String date) {
        assertSingleRejection(aDelivery().with(field, date).json(), field, INVALID_FORMAT);
    }

    @Test
    void rejectsAnIntendedSettlementDateBeforeTheTradeDate() {
        String json = aDelivery().with("intendedSettlementDate", "2026-11-19").json();

        assertSingleRejection(json, "intendedSettlementDate", SETTLEMENT_BEFORE_TRADE_DATE);
    }

    @Test
    void rejectsAPartyThatNamesItselfAsTheCounterparty() {
        assertSingleRejection(aDelivery().with("counterparty", "BRK001").json(), "counterparty", SAME_PARTY);
    }

    @Test
    void reportsEveryFieldAtFaultInWireOrderWithCrossFieldRulesLast() {
        String json = aDelivery()
                .without("messageId")
                .with("direction", "SEND")
                .with("counterparty", "BRK001")
                .withQuantity(0)
                .withAmount("1.001")
                .with("intendedSettlementDate", "2026-11-01")
                .with("trader", "T1")
                .json();

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(
                        tuple("messageId", MISSING),
                        tuple("direction", UNKNOWN_VALUE),
                        tuple("quantity", NOT_POSITIVE),
                        tuple("settlementAmount", TOO_MANY_DECIMALS),
                        tuple("trader", UNKNOWN_FIELD),
                        tuple("counterparty", SAME_PARTY),
                        tuple("intendedSettlementDate", SETTLEMENT_BEFORE_TRADE_DATE));
    }

    @Test
    void givesEveryRejectionAHumanReadableDetail() {
        assertThat(rejections(aDelivery().withAmount("1.001").json()))
                .singleElement()
                .satisfies(rejection -> assertThat(rejection.detail()).contains("1.001"));
    }

    // --- the readable identity of a rejected body

    @Test
    void readsTheIdentityOfABodyTheDecoderRejects() {
        String json = aDelivery().withQuantity(0).json();

        assertThat(SettlementInstructionDecoder.readableIdentity(json))
                .isEqualTo(new SettlementInstructionDecoder.ReadableIdentity(
                        "TW-I-1", "M-8da1b3c8ac6021d3-1-DELIVER", "BRK001"));
    }

    @Test
    void leavesEachUnreadableIdentityFieldNull() {
        String json = aDelivery()
                .without("messageId")
                .with("instructionId", " ")
                .withRaw("party", "42")
                .json();

        assertThat(SettlementInstructionDecoder.readableIdentity(json))
                .isEqualTo(new SettlementInstructionDecoder.ReadableIdentity(null, null, null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not json", "[1]", "{\"party\":"})
    void readsNoIdentityFromABodyThatIsNotAJsonObject(String body) {
        assertThat(SettlementInstructionDecoder.readableIdentity(body))
                .isEqualTo(new SettlementInstructionDecoder.ReadableIdentity(null, null, null));
    }

    // --- helpers

    private SettlementInstruction valid(String json) {
        return Decoded.valid(decoder.decode(json));
    }

    private List<Rejection> rejections(String json) {
        return Decoded.rejections(decoder.decode(json));
    }

    private void assertSingleRejection(String json, String field, RejectionCode code) {
        assertThat(rejections(json))
                .as("rejections of %s", json == null ? "no body" : abbreviated(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple(field, code));
    }

    private static String abbreviated(String json) {
        return json.length() <= 300 ? json : json.substring(0, 300) + "...";
    }
}
