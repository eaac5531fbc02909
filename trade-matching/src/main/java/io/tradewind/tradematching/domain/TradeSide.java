package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One counterparty's statement of a trade, as the book holds it: who sent it, the pairing key, the economics matching
 * compares and the allocations. The trade id is {@code senderId + "|" + tradeRef}; the arrival sequence orders sides
 * the book received (smaller = earlier) and breaks ties between equally good candidates.
 */
public record TradeSide(
        String tradeId,
        String senderId,
        SenderRole role,
        String tradeRef,
        PairingKey pairingKey,
        BigDecimal price,
        String currency,
        LocalDate settlementDate,
        BigDecimal netAmount,
        List<AllocationSplit> allocations,
        long arrivalSequence) {

    public TradeSide {
        Require.text(senderId, "senderId");
        Require.present(role, "role");
        Require.text(tradeRef, "tradeRef");
        if (tradeId == null || !tradeId.equals(tradeIdOf(senderId, tradeRef))) {
            throw new IllegalArgumentException(
                    "tradeId must be senderId|tradeRef (" + tradeIdOf(senderId, tradeRef) + "): " + tradeId);
        }
        Require.present(pairingKey, "pairingKey");
        Require.present(price, "price");
        Require.text(currency, "currency");
        Require.present(settlementDate, "settlementDate");
        Require.present(netAmount, "netAmount");
        allocations = List.copyOf(Require.present(allocations, "allocations"));
    }

    /** The deterministic id of a sender's trade, so a redelivered message lands on the same row. */
    public static String tradeIdOf(String senderId, String tradeRef) {
        return senderId + "|" + tradeRef;
    }
}
