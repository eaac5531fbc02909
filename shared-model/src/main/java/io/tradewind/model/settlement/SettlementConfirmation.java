package io.tradewind.model.settlement;

/**
 * The fact that one allocation of a matched trade has SETTLED: settlement-matching publishes one per settled pair of
 * instructions on {@code settlements.confirmations}, and trade-matching consumes it (a trade is SETTLED when all its
 * allocations are). Every field is required.
 */
public record SettlementConfirmation(
        String messageId,
        String settlementMatchId,
        String matchId,
        String allocationId,
        String deliverInstructionId,
        String receiveInstructionId) {

    public SettlementConfirmation {
        requireText(messageId, "messageId");
        requireText(settlementMatchId, "settlementMatchId");
        requireText(matchId, "matchId");
        requireText(allocationId, "allocationId");
        requireText(deliverInstructionId, "deliverInstructionId");
        requireText(receiveInstructionId, "receiveInstructionId");
        if (deliverInstructionId.equals(receiveInstructionId)) {
            throw new IllegalArgumentException(
                    "receiveInstructionId equals deliverInstructionId: " + receiveInstructionId);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is blank: " + value);
    }
}
