package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.TradeStatus;

/**
 * What a generated pair is meant to test; the factory draws each with equal probability. Each kind knows the status
 * trade matching gives both posted sides and the status they end in once settlement has run.
 */
public enum PairKind {
    /** Both sides agree on everything: MATCHED by trade matching, SETTLED at the end of the full loop. */
    MATCHED(TradeStatus.MATCHED, TradeStatus.SETTLED),
    /** The sides pair but differ beyond tolerance in exactly one matching field. */
    MISMATCHED(TradeStatus.MISMATCHED, TradeStatus.MISMATCHED),
    /** A lone side, or two sides that differ in one pairing field and so never pair. */
    UNMATCHED(TradeStatus.UNMATCHED, TradeStatus.UNMATCHED);

    private final TradeStatus matchingStatus;
    private final TradeStatus terminalStatus;

    PairKind(TradeStatus matchingStatus, TradeStatus terminalStatus) {
        this.matchingStatus = matchingStatus;
        this.terminalStatus = terminalStatus;
    }

    /** The status trade matching reports for each posted side. */
    public TradeStatus matchingStatus() {
        return matchingStatus;
    }

    /** The last status each posted side reaches when trade matching and settlement matching both run. */
    public TradeStatus terminalStatus() {
        return terminalStatus;
    }
}
