package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;

/**
 * Why a paired trade is MISMATCHED: one field on which the two sides disagree, as the status report's {@code reasons}
 * carry it. {@code field} is the wire name, {@code ours} is the incoming side's value and {@code theirs} the
 * counterpart's, both rendered as plain strings.
 */
public record MatchReason(String field, String code, String ours, String theirs) {

    public static final String SETTLEMENT_DATE = "settlementDate";
    public static final String CURRENCY = "currency";
    public static final String PRICE = "price";
    public static final String NET_AMOUNT = "netAmount";
    public static final String ALLOCATIONS = "allocations";

    /** The values are not equal, and this field allows no tolerance. */
    public static final String DIFFERENT = "DIFFERENT";
    /** The values differ by more than the configured tolerance. */
    public static final String OUTSIDE_TOLERANCE = "OUTSIDE_TOLERANCE";

    public MatchReason {
        Require.text(field, "field");
        Require.text(code, "code");
        Require.present(ours, "ours");
        Require.present(theirs, "theirs");
    }
}
