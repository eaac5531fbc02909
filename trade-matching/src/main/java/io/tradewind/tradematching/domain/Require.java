package io.tradewind.tradematching.domain;

/** Invariant checks that name the broken field, as the style guide asks of domain values. */
final class Require {
    private Require() {}

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: " + value);
        }
        return value;
    }

    static long positive(long value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
        return value;
    }

    /** A currency as the wire contract states it: three upper-case letters (ISO 4217). */
    static String currency(String value, String field) {
        if (value == null || value.length() != 3 || !value.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException(field + " must be three upper-case letters: " + value);
        }
        return value;
    }
}
