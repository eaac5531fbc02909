package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;

/**
 * Why a paired settlement instruction is MISMATCHED: one field on which the two instructions disagree, as the status
 * report's {@code reasons} carry it. {@code field} is the wire name, {@code ours} the incoming instruction's value and
 * {@code theirs} the counterpart's, both rendered as plain strings; {@link #reversed()} gives the counterpart's view.
 */
public record SettlementMismatch(String field, String code, String ours, String theirs) {

    public static final String QUANTITY = "quantity";
    public static final String SETTLEMENT_AMOUNT = "settlementAmount";
    public static final String CURRENCY = "currency";
    public static final String TRADE_DATE = "tradeDate";
    public static final String INTENDED_SETTLEMENT_DATE = "intendedSettlementDate";

    /** The values are not equal, and this field allows no tolerance. */
    public static final String DIFFERENT = "DIFFERENT";
    /** The amounts differ by more than the tolerance of their tier. */
    public static final String OUTSIDE_TOLERANCE = "OUTSIDE_TOLERANCE";

    public SettlementMismatch {
        Require.text(field, "field");
        Require.text(code, "code");
        Require.present(ours, "ours");
        Require.present(theirs, "theirs");
    }

    /** The same disagreement as the counterpart sees it: ours and theirs swapped, so each side is told its own value. */
    public SettlementMismatch reversed() {
        return new SettlementMismatch(field, code, theirs, ours);
    }
}
