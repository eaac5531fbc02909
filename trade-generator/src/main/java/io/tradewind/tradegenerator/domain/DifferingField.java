package io.tradewind.tradegenerator.domain;

import java.util.Arrays;
import java.util.List;

/**
 * The one field in which the two sides of a MISMATCHED or (two-sided) UNMATCHED pair differ, by its wire name. Matching
 * fields make a paired trade MISMATCHED, with the wire name as the status reason's {@code field}; pairing fields keep
 * the sides from pairing at all.
 */
public enum DifferingField {
    SETTLEMENT_DATE("settlementDate", false),
    CURRENCY("currency", false),
    PRICE("price", false),
    NET_AMOUNT("netAmount", false),
    ALLOCATIONS("allocations", false),
    QUANTITY("quantity", true),
    SECURITY("security", true),
    TRADE_DATE("tradeDate", true),
    SIDE("side", true);

    private static final List<DifferingField> MATCHING =
            Arrays.stream(values()).filter(f -> !f.pairing).toList();
    private static final List<DifferingField> PAIRING =
            Arrays.stream(values()).filter(f -> f.pairing).toList();

    private final String wireName;
    private final boolean pairing;

    DifferingField(String wireName, boolean pairing) {
        this.wireName = wireName;
        this.pairing = pairing;
    }

    /** The field's name in the v1 wire contract, e.g. {@code netAmount}. */
    public String wireName() {
        return wireName;
    }

    /** True for the fields of the pairing key, false for those compared once paired. */
    public boolean isPairingField() {
        return pairing;
    }

    /** settlementDate, currency, price, netAmount and allocations, in the contract's order. */
    public static List<DifferingField> matchingFields() {
        return MATCHING;
    }

    /** The pairing fields the generator varies: quantity, security, tradeDate and side. */
    public static List<DifferingField> pairingFields() {
        return PAIRING;
    }

    public static DifferingField ofWireName(String wireName) {
        for (DifferingField field : values()) {
            if (field.wireName.equals(wireName)) return field;
        }
        throw new IllegalArgumentException("not a field the generator varies: " + wireName);
    }
}
