package io.tradewind.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

    private static final StatusReport MISMATCHED = new StatusReport(
            "TW-S-1",
            "BRK001-0000001",
            "BRK001-T42",
            "BRK001",
            TradeStatus.MISMATCHED,
            "M-42",
            "IM042-T7",
            List.of(new StatusReason("price", "OUTSIDE_TOLERANCE", "187.2500", "187.2600")));

    private static final SettlementInstruction DELIVER = new SettlementInstruction(
            "TW-I-1",
            "M-42-1-DELIVER",
            "M-42",
            "1",
            Direction.DELIVER,
            "BRK001",
            "IM042",
            "US0378331005",
            600,
            new BigDecimal("112350.00"),
            "USD",
            LocalDate.of(2026, 11, 20),
            LocalDate.of(2026, 11, 23));

    private static final SettlementStatusReport SETTLEMENT_MISMATCHED = new SettlementStatusReport(
            "TW-SS-1",
            "TW-I-1",
            "M-42-1-DELIVER",
            "BRK001",
            SettlementStatus.MISMATCHED,
            null,
            "M-42-1-RECEIVE",
            List.of(new StatusReason("settlementAmount", "OUTSIDE_TOLERANCE", "112350.00", "112360.00")));

    private static final SettlementConfirmation CONFIRMATION = new SettlementConfirmation(
            "TW-C-1", "SM-0123456789abcdef", "M-42", "1", "M-42-1-DELIVER", "M-42-1-RECEIVE");

    @Test
    void writesAStatusReportWithTheContractsFieldNamesInOrder() {
        assertThat(WireCodec.encode(MISMATCHED))
                .isEqualTo("{\"messageId\":\"TW-S-1\",\"inReplyTo\":\"BRK001-0000001\",\"tradeRef\":\"BRK001-T42\","
                        + "\"senderId\":\"BRK001\",\"status\":\"MISMATCHED\",\"matchId\":\"M-42\","
                        + "\"counterpartyTradeRef\":\"IM042-T7\",\"reasons\":[{\"field\":\"price\","
                        + "\"code\":\"OUTSIDE_TOLERANCE\",\"ours\":\"187.2500\",\"theirs\":\"187.2600\"}]}");
    }

    @Test
    void roundTripsAStatusReport() {
        assertThat(WireCodec.decodeStatusReport(WireCodec.encode(MISMATCHED))).isEqualTo(MISMATCHED);
    }

    @Test
    void omitsNullFieldsOfAStatusReportButAlwaysWritesReasons() {
        StatusReport unmatched = new StatusReport(
                "TW-S-2", "IM042-0000001", "IM042-T7", "IM042", TradeStatus.UNMATCHED, null, null, null);

        String json = WireCodec.encode(unmatched);

        assertThat(json)
                .isEqualTo("{\"messageId\":\"TW-S-2\",\"inReplyTo\":\"IM042-0000001\",\"tradeRef\":\"IM042-T7\","
                        + "\"senderId\":\"IM042\",\"status\":\"UNMATCHED\",\"reasons\":[]}");
        assertThat(WireCodec.decodeStatusReport(json)).isEqualTo(unmatched);
    }

    @Test
    void readsExplicitNullsAndAbsentReasonsOfAStatusReportAsAbsent() {
        StatusReport report = WireCodec.decodeStatusReport(
                "{\"messageId\":\"TW-S-3\",\"status\":\"REJECTED\",\"tradeRef\":null,\"matchId\":null}");

        assertThat(report)
                .isEqualTo(new StatusReport("TW-S-3", null, null, null, TradeStatus.REJECTED, null, null, List.of()));
    }

    @Test
    void turnsDecoderRejectionsIntoStatusReasons() {
        DecodeResult<TradeMessage> result = new TradeMessageDecoder().decode("[]");
        Rejection rejection =
                ((DecodeResult.Rejected<TradeMessage>) result).reasons().get(0);
        StatusReport rejected = new StatusReport(
                "TW-S-4",
                "BRK001-9",
                null,
                "BRK001",
                TradeStatus.REJECTED,
                null,
                null,
                List.of(StatusReason.of(rejection)));

        StatusReport decoded = WireCodec.decodeStatusReport(WireCodec.encode(rejected));

        assertThat(decoded.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.field()).isEqualTo("body");
            assertThat(reason.code()).isEqualTo(RejectionCode.NOT_AN_OBJECT.name());
            assertThat(reason.theirs()).isNull();
        });
    }

    @Test
    void refusesAStatusReportWithAnUnknownField() {
        String json = WireCodec.encode(MISMATCHED).replace("\"matchId\"", "\"matchID\"");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeStatusReport(json))
                .withMessageContaining("matchID")
                .withMessageContaining("unknown field");
    }

    @Test
    void refusesAStatusReportWithoutAStatusOrWithAnUnknownOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeStatusReport("{\"messageId\":\"TW-S-5\"}"))
                .withMessageContaining("status");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeStatusReport("{\"messageId\":\"TW-S-5\",\"status\":\"PENDING\"}"))
                .withMessageContaining("PENDING");
    }

    @Test
    void refusesAStatusReasonWithAnUnknownFieldNamingItsPath() {
        String json = WireCodec.encode(MISMATCHED).replace("\"theirs\"", "\"their\"");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeStatusReport(json))
                .withMessageContaining("reasons[0].their");
    }

    @Test
    void refusesMalformedJsonWithAClearMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeStatusReport("{\"messageId\":"))
                .withMessageStartingWith("status report: malformed JSON");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeInstruction("[]"))
                .withMessageContaining("settlement instruction: body must be a JSON object");
    }

    @Test
    void writesASettlementInstructionWithTheContractsFieldNamesInOrder() {
        assertThat(WireCodec.encode(DELIVER))
                .isEqualTo("{\"messageId\":\"TW-I-1\",\"instructionId\":\"M-42-1-DELIVER\",\"matchId\":\"M-42\","
                        + "\"allocationId\":\"1\",\"direction\":\"DELIVER\",\"party\":\"BRK001\","
                        + "\"counterparty\":\"IM042\",\"security\":\"US0378331005\",\"quantity\":600,"
                        + "\"settlementAmount\":\"112350.00\",\"currency\":\"USD\",\"tradeDate\":\"2026-11-20\","
                        + "\"intendedSettlementDate\":\"2026-11-23\"}");
    }

    @Test
    void roundTripsASettlementInstructionKeepingTheAmountsScale() {
        SettlementInstruction decoded = WireCodec.decodeInstruction(WireCodec.encode(DELIVER));

        assertThat(decoded).isEqualTo(DELIVER);
        assertThat(decoded.settlementAmount().toPlainString()).isEqualTo("112350.00");
    }

    @Test
    void neverWritesAnAmountAsANumberOrInScientificNotation() {
        SettlementInstruction exponent = new SettlementInstruction(
                "TW-I-2",
                "i",
                "m",
                "1",
                Direction.RECEIVE,
                "IM042",
                "BRK001",
                "US0378331005",
                1,
                new BigDecimal("1E+3"),
                "USD",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23));

        assertThat(WireCodec.encode(exponent)).contains("\"settlementAmount\":\"1000\"");
    }

    @Test
    void refusesAnInstructionWithAnAmountAsANumber() {
        String json = WireCodec.encode(DELIVER).replace("\"112350.00\"", "112350.00");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeInstruction(json))
                .withMessageContaining("settlementAmount");
    }

    @Test
    void refusesAnInstructionWithAMissingFieldOrAnUnknownDirection() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        WireCodec.decodeInstruction(WireCodec.encode(DELIVER).replace(",\"party\":\"BRK001\"", "")))
                .withMessageContaining("party");
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        WireCodec.decodeInstruction(WireCodec.encode(DELIVER).replace("\"DELIVER\"", "\"SEND\"")))
                .withMessageContaining("direction");
    }

    @Test
    void refusesAnInstructionWithAQuantityAsAStringOrABadIsinOrDate() {
        String json = WireCodec.encode(DELIVER);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeInstruction(json.replace(":600", ":\"600\"")))
                .withMessageContaining("quantity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeInstruction(json.replace("US0378331005", "US0378331006")))
                .withMessageContaining("security");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeInstruction(json.replace("2026-11-23", "2026-11-31")))
                .withMessageContaining("intendedSettlementDate");
    }

    @Test
    void writesATradeTheDecoderReadsBackUnchanged() {
        TradeMessage trade = new TradeMessage(
                "IM042-0000001",
                MessageType.NEW,
                "IM042",
                SenderRole.INVESTMENT_MANAGER,
                "IM042-T7",
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
                List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400)));

        String json = WireCodec.encode(trade);

        assertThat(json).contains("\"price\":\"187.2500\"", "\"netAmount\":\"187250.00\"", "\"quantity\":1000");
        assertThat(new TradeMessageDecoder().decode(json)).isEqualTo(new DecodeResult.Valid<>(trade));
    }

    @Test
    void writesACancelWithOnlyItsFiveFields() {
        TradeMessage cancel = TradeMessage.cancel("BRK001-0000002", "BRK001", SenderRole.BROKER, "BRK001-T42");

        String json = WireCodec.encode(cancel);

        assertThat(json)
                .isEqualTo("{\"messageId\":\"BRK001-0000002\",\"messageType\":\"CANCEL\",\"senderId\":\"BRK001\","
                        + "\"senderRole\":\"BROKER\",\"tradeRef\":\"BRK001-T42\"}");
        assertThat(new TradeMessageDecoder().decode(json)).isEqualTo(new DecodeResult.Valid<>(cancel));
    }

    // --- settlement status reports and confirmations

    @Test
    void writesASettlementStatusReportWithTheContractsFieldNamesInOrder() {
        SettlementStatusReport matched = new SettlementStatusReport(
                "TW-SS-2",
                "TW-I-2",
                "M-42-1-RECEIVE",
                "IM042",
                SettlementStatus.MATCHED,
                "SM-0123456789abcdef",
                "M-42-1-DELIVER",
                List.of());

        assertThat(WireCodec.encode(matched))
                .isEqualTo("{\"messageId\":\"TW-SS-2\",\"inReplyTo\":\"TW-I-2\",\"instructionId\":\"M-42-1-RECEIVE\","
                        + "\"party\":\"IM042\",\"status\":\"MATCHED\",\"settlementMatchId\":\"SM-0123456789abcdef\","
                        + "\"counterpartyInstructionId\":\"M-42-1-DELIVER\",\"reasons\":[]}");
    }

    @Test
    void roundTripsASettlementStatusReport() {
        assertThat(WireCodec.decodeSettlementStatusReport(WireCodec.encode(SETTLEMENT_MISMATCHED)))
                .isEqualTo(SETTLEMENT_MISMATCHED);
    }

    @Test
    void roundTripsARejectedSettlementStatusReportThatKnowsOnlyItsMessageIdAndStatus() {
        SettlementStatusReport rejected = new SettlementStatusReport(
                "TW-SS-3",
                null,
                null,
                null,
                SettlementStatus.REJECTED,
                null,
                null,
                List.of(new StatusReason("body", "MALFORMED_JSON", "unexpected end-of-input", null)));

        String json = WireCodec.encode(rejected);

        assertThat(json).doesNotContain("instructionId", "party", "settlementMatchId");
        assertThat(WireCodec.decodeSettlementStatusReport(json)).isEqualTo(rejected);
    }

    @Test
    void refusesASettlementStatusReportWithAnUnknownFieldNamingIt() {
        String json = WireCodec.encode(SETTLEMENT_MISMATCHED).replace("\"party\"", "\"desk\"");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeSettlementStatusReport(json))
                .withMessageContaining("desk")
                .withMessageContaining("unknown field");
    }

    @Test
    void refusesASettlementStatusReportWithATradeOnlyStatus() {
        String json = WireCodec.encode(SETTLEMENT_MISMATCHED).replace("\"MISMATCHED\"", "\"CANCELLED\"");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeSettlementStatusReport(json))
                .withMessageStartingWith("settlement status report: status")
                .withMessageContaining("CANCELLED");
    }

    @Test
    void refusesASettlementStatusReasonWithoutACodeNamingItsPath() {
        String json = WireCodec.encode(SETTLEMENT_MISMATCHED).replace(",\"code\":\"OUTSIDE_TOLERANCE\"", "");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeSettlementStatusReport(json))
                .withMessageContaining("reasons[0].code");
    }

    @Test
    void writesAConfirmationWithTheContractsFieldNamesInOrder() {
        assertThat(WireCodec.encode(CONFIRMATION))
                .isEqualTo("{\"messageId\":\"TW-C-1\",\"settlementMatchId\":\"SM-0123456789abcdef\","
                        + "\"matchId\":\"M-42\",\"allocationId\":\"1\",\"deliverInstructionId\":\"M-42-1-DELIVER\","
                        + "\"receiveInstructionId\":\"M-42-1-RECEIVE\"}");
    }

    @Test
    void roundTripsAConfirmation() {
        assertThat(WireCodec.decodeConfirmation(WireCodec.encode(CONFIRMATION))).isEqualTo(CONFIRMATION);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "messageId",
                "settlementMatchId",
                "matchId",
                "allocationId",
                "deliverInstructionId",
                "receiveInstructionId"
            })
    void refusesAConfirmationWithoutOneOfItsFieldsNamingIt(String field) {
        String json =
                WireCodec.encode(CONFIRMATION).replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":null");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeConfirmation(json))
                .withMessageStartingWith("settlement confirmation: " + field + " ");
    }

    @Test
    void refusesAConfirmationWithAnUnknownFieldOrAFieldOfTheWrongType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeConfirmation(
                        WireCodec.encode(CONFIRMATION).replace("\"matchId\"", "\"tradeMatchId\"")))
                .withMessageContaining("tradeMatchId UNKNOWN_FIELD");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WireCodec.decodeConfirmation(
                        WireCodec.encode(CONFIRMATION).replace("\"allocationId\":\"1\"", "\"allocationId\":1")))
                .withMessageContaining("allocationId")
                .withMessageContaining("must be a string");
    }
}
