package io.tradewind.model.settlement;

import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.FieldReader;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.wire.WireLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a body from {@code settlements.confirmations} into a {@link SettlementConfirmation} or into every reason it
 * breaks the v1 wire contract. Settlement matching writes these, but trade matching reads them off a queue like any
 * other input, so they keep the same limits: every field a required id within {@link WireLimits}, no other field, and
 * two different instructions. It never throws on bad input. Stateless and thread-safe.
 */
public final class SettlementConfirmationDecoder {
    /** The largest body accepted, in UTF-8 bytes. */
    public static final int MAX_BODY_BYTES = WireLimits.MAX_BODY_BYTES;

    private static final Set<String> FIELDS = Set.of(
            "messageId",
            "settlementMatchId",
            "matchId",
            "allocationId",
            "deliverInstructionId",
            "receiveInstructionId");

    public DecodeResult<SettlementConfirmation> decode(String body) {
        List<Rejection> rejections = new ArrayList<>();
        FieldReader fields = FieldReader.ofBody(body, MAX_BODY_BYTES, rejections);
        if (fields == null) return new DecodeResult.Rejected<>(rejections);

        String messageId = fields.id("messageId", WireLimits.MAX_ID_LENGTH);
        String settlementMatchId = fields.id("settlementMatchId", WireLimits.MAX_ID_LENGTH);
        String matchId = fields.id("matchId", WireLimits.MAX_ID_LENGTH);
        String allocationId = fields.id("allocationId", WireLimits.MAX_ALLOCATION_ID_LENGTH);
        String deliverInstructionId = fields.id("deliverInstructionId", WireLimits.MAX_ID_LENGTH);
        String receiveInstructionId = fields.id("receiveInstructionId", WireLimits.MAX_ID_LENGTH);
        fields.rejectOthers(FIELDS, FIELDS);

        if (deliverInstructionId != null && deliverInstructionId.equals(receiveInstructionId)) {
            fields.reject(
                    "receiveInstructionId",
                    RejectionCode.SAME_INSTRUCTION,
                    "'" + receiveInstructionId + "' is also the deliverInstructionId");
        }
        if (!rejections.isEmpty()) return new DecodeResult.Rejected<>(rejections);
        return new DecodeResult.Valid<>(new SettlementConfirmation(
                messageId, settlementMatchId, matchId, allocationId, deliverInstructionId, receiveInstructionId));
    }
}
