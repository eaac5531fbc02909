package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.TradeStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What a generated pair should end as, recorded by the generator once the pair's messages are committed so tests and
 * the load harness can check the platform's answers. {@code broker} or {@code investmentManager} is null when that side
 * was never posted (a lone UNMATCHED side); {@code differingField} names the one field a MISMATCHED pair or a two-sided
 * UNMATCHED pair differs in, and is null otherwise; {@code messageIds} are in posting order.
 */
public record ExpectedOutcome(
        String runId,
        String pairId,
        PairKind kind,
        DifferingField differingField,
        PostedTrade broker,
        PostedTrade investmentManager,
        List<String> messageIds) {

    public ExpectedOutcome {
        if (runId == null || runId.isBlank()) throw new IllegalArgumentException("runId is blank");
        if (pairId == null || pairId.isBlank()) throw new IllegalArgumentException("pairId is blank");
        if (kind == null) throw new IllegalArgumentException("kind is null for " + pairId);
        if (broker != null && broker.role() != SenderRole.BROKER) {
            throw new IllegalArgumentException("broker side of " + pairId + " has role " + broker.role());
        }
        if (investmentManager != null && investmentManager.role() != SenderRole.INVESTMENT_MANAGER) {
            throw new IllegalArgumentException(
                    "investmentManager side of " + pairId + " has role " + investmentManager.role());
        }
        boolean twoSided = broker != null && investmentManager != null;
        if (!twoSided && (kind != PairKind.UNMATCHED || differingField != null)) {
            throw new IllegalArgumentException(
                    "only an UNMATCHED pair without a differingField has one side: " + pairId);
        }
        if (broker == null && investmentManager == null) {
            throw new IllegalArgumentException("pair " + pairId + " has no side");
        }
        if (kind == PairKind.MATCHED && differingField != null) {
            throw new IllegalArgumentException("MATCHED pair " + pairId + " differs in " + differingField);
        }
        if (kind == PairKind.MISMATCHED && (differingField == null || differingField.isPairingField())) {
            throw new IllegalArgumentException(
                    "MISMATCHED pair " + pairId + " must differ in a matching field, not " + differingField);
        }
        if (kind == PairKind.UNMATCHED && differingField != null && !differingField.isPairingField()) {
            throw new IllegalArgumentException(
                    "UNMATCHED pair " + pairId + " may differ only in a pairing field, not " + differingField);
        }
        messageIds = List.copyOf(messageIds);
        List<String> posted = new ArrayList<>();
        if (broker != null) posted.add(broker.messageId());
        if (investmentManager != null) posted.add(investmentManager.messageId());
        if (messageIds.size() != posted.size() || !new HashSet<>(messageIds).equals(new HashSet<>(posted))) {
            throw new IllegalArgumentException(
                    "messageIds " + messageIds + " of " + pairId + " are not the posted sides' " + posted);
        }
    }

    /** The sides that were posted, in posting order. */
    public List<PostedTrade> postedTrades() {
        List<PostedTrade> sides = new ArrayList<>(2);
        for (String messageId : messageIds) {
            sides.add(broker != null && broker.messageId().equals(messageId) ? broker : investmentManager);
        }
        return sides;
    }

    /** True when only one side was posted: it has no counterpart and waits UNMATCHED. */
    public boolean isLoneSide() {
        return broker == null || investmentManager == null;
    }

    /** The status trade matching reports for every posted side of this pair. */
    public TradeStatus expectedMatchingStatus() {
        return kind.matchingStatus();
    }

    /** The last status every posted side reaches once settlement matching has run too (SETTLED for MATCHED). */
    public TradeStatus expectedTerminalStatus() {
        return kind.terminalStatus();
    }
}
