package io.tradewind.model.trade;

import java.util.regex.Pattern;

/**
 * The rules of an ISIN (ISO 6166), the security identifier of the wire contract: two letters of country, nine
 * alphanumerics, and a Luhn check digit computed over the string with each letter expanded to its number (A=10..Z=35).
 */
public final class Isin {
    private static final Pattern FORM = Pattern.compile("[A-Z]{2}[A-Z0-9]{9}[0-9]");

    private Isin() {}

    /** True when the value has the form of an ISIN, whatever its check digit. */
    public static boolean hasValidForm(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    /** True when the value is an ISIN with a correct check digit, e.g. {@code US0378331005}. */
    public static boolean isValid(String value) {
        return hasValidForm(value) && checkDigit(value.substring(0, 11)) == value.charAt(11) - '0';
    }

    /** The check digit of the first eleven characters of an ISIN. */
    public static int checkDigit(String first11) {
        if (first11 == null || first11.length() != 11 || !hasValidForm(first11 + "0")) {
            throw new IllegalArgumentException("not the first 11 characters of an ISIN: " + first11);
        }
        StringBuilder digits = new StringBuilder(22);
        for (int i = 0; i < first11.length(); i++) {
            digits.append(Character.digit(first11.charAt(i), 36));
        }
        // Luhn: double every second digit counting from the right, where the check digit will be appended.
        int sum = 0;
        boolean doubled = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }
}
