package io.tradewind.model.settlement;

/**
 * What a settlement status report tells a settlement desk about one of its instructions: waiting for its
 * counterpart, paired and agreeing, paired but disagreeing, settled, or refused because it breaks the wire contract.
 */
public enum SettlementStatus {
    UNMATCHED,
    MATCHED,
    MISMATCHED,
    SETTLED,
    REJECTED
}
