package io.tradewind.tradematching.domain;

/** The currency rule of trade matching's values. */
final class Currencies {
    private Currencies() {}

    /** A currency as the wire contract states it: three upper-case letters (ISO 4217). */
    static String currency(String value, String field) {
        if (value == null || value.length() != 3 || !value.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException(field + " must be three upper-case letters: " + value);
        }
        return value;
    }
}
