package io.tradewind.model.settlement;

import static io.tradewind.model.trade.RejectionCode.FORBIDDEN_CHARACTER;
import static io.tradewind.model.trade.RejectionCode.MALFORMED_JSON;
import static io.tradewind.model.trade.RejectionCode.MISSING;
import static io.tradewind.model.trade.RejectionCode.SAME_INSTRUCTION;
import static io.tradewind.model.trade.RejectionCode.TOO_LONG;
import static io.tradewind.model.trade.RejectionCode.UNKNOWN_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.Decoded;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.wire.WireCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementConfirmationDecoderTest {
    private static final SettlementConfirmation CONFIRMATION = new SettlementConfirmation(
            "SC-SM-0123456789abcdef",
            "SM-0123456789abcdef",
            "M-8da1b3c8ac6021d3",
            "1",
            "M-8da1b3c8ac6021d3-1-DELIVER",
            "M-8da1b3c8ac6021d3-1-RECEIVE");

    private final SettlementConfirmationDecoder decoder = new SettlementConfirmationDecoder();

    @Test
    void decodesWhatTheWireCodecWrites() {
        assertThat(decoder.decode(WireCodec.encode(CONFIRMATION))).isEqualTo(new DecodeResult.Valid<>(CONFIRMATION));
    }

    @ParameterizedTest
    @CsvSource({
        "messageId, 64",
        "settlementMatchId, 64",
        "matchId, 64",
        "allocationId, 32",
        "deliverInstructionId, 64",
        "receiveInstructionId, 64"
    })
    void rejectsEachIdOverItsLimit(String field, int limit) {
        assertThat(decoder.decode(with(field, "Q".repeat(limit)))).isInstanceOf(DecodeResult.Valid.class);
        assertSingle(with(field, "Q".repeat(limit + 1)), field, TOO_LONG);
    }

    @Test
    void rejectsAControlCharacterInAnId() {
        assertSingle(with("matchId", "M-\u001b[31m"), "matchId", FORBIDDEN_CHARACTER);
    }

    @Test
    void rejectsTheSameInstructionOnBothSidesInsteadOfThrowing() {
        assertSingle(
                with("receiveInstructionId", CONFIRMATION.deliverInstructionId()),
                "receiveInstructionId",
                SAME_INSTRUCTION);
    }

    @Test
    void rejectsMissingAndUnknownFields() {
        String json = WireCodec.encode(CONFIRMATION).replace("\"matchId\"", "\"tradeMatchId\"");

        assertThat(rejections(json))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple("matchId", MISSING), tuple("tradeMatchId", UNKNOWN_FIELD));
    }

    @Test
    void rejectsATruncatedBody() {
        String json = WireCodec.encode(CONFIRMATION);

        assertSingle(json.substring(0, json.length() / 2), "body", MALFORMED_JSON);
    }

    private static String with(String field, String value) {
        return WireCodec.encode(CONFIRMATION)
                .replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + jsonEscaped(value) + "\"");
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c < 0x20 ? String.format("\\\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    private List<Rejection> rejections(String json) {
        return Decoded.rejections(decoder.decode(json));
    }

    private void assertSingle(String json, String field, RejectionCode code) {
        Decoded.assertSingleRejection(decoder.decode(json), field, code);
    }
}
