package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.SenderRole;

/**
 * One side of a generated pair as it was posted: who sent it, its tradeRef and messageId, and how many allocations it
 * carries (a MATCHED trade yields two settlement instructions per allocation).
 */
public record PostedTrade(SenderRole role, String senderId, String tradeRef, String messageId, int allocationCount) {
    public PostedTrade {
        if (role == null) throw new IllegalArgumentException("role is null");
        requireText(senderId, "senderId");
        requireText(tradeRef, "tradeRef");
        requireText(messageId, "messageId");
        if (allocationCount < 1) {
            throw new IllegalArgumentException("allocationCount must be positive, was " + allocationCount);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(field + " is blank");
    }
}
