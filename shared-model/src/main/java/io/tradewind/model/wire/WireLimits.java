package io.tradewind.model.wire;

/**
 * Every limit the v1 wire contract puts on what a participant sends, in one place: the decoders enforce these
 * constants, {@code docs/wire-contract.md} tabulates them and {@code docs/schemas} repeats them (a test keeps the three
 * in step). Ids are ASCII from {@link #ID_CHARACTERS} only; no field of the contract admits free text, so control
 * characters, NUL, non-ASCII letters and U+FFFD are refused wherever they appear in a value.
 */
public final class WireLimits {
    /** The largest body accepted, in UTF-8 bytes; a larger one is rejected before it is parsed. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    /**
     * The longest participant id, in characters: {@code senderId}, {@code executingBroker} and
     * {@code investmentManager} (a sender is one of the two parties it names).
     */
    public static final int MAX_PARTICIPANT_ID_LENGTH = 32;

    /**
     * The longest allocation id, in characters. Shorter than other ids because trade matching builds settlement
     * instruction ids from it: {@code SI-M-<16 hex>-<allocationId>-RECEIVE} must still fit {@link #MAX_ID_LENGTH}.
     */
    public static final int MAX_ALLOCATION_ID_LENGTH = 32;

    /**
     * The longest of every other id, in characters: {@code messageId}, {@code tradeRef}, {@code account},
     * {@code instructionId}, {@code matchId}, {@code party}, {@code counterparty}, {@code settlementMatchId},
     * {@code deliverInstructionId} and {@code receiveInstructionId}. A party is an executing broker or an account.
     */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * The characters an id may hold, as the body of a regular-expression character class: ASCII letters and digits,
     * dot, underscore, colon, slash and hyphen. No space, no '|' (it separates the parts of journal keys), nothing
     * else.
     */
    public static final String ID_CHARACTERS = "A-Za-z0-9._:/-";

    /** The most allocations one trade may carry. */
    public static final int MAX_ALLOCATIONS = 1000;

    /** The most digits of a quantity (of a trade or an allocation): 1 to 999,999,999,999,999. */
    public static final int MAX_QUANTITY_DIGITS = 15;

    /** The largest quantity, {@link #MAX_QUANTITY_DIGITS} nines. */
    public static final long MAX_QUANTITY = 999_999_999_999_999L;

    /** The most digits a price may have before its decimal point, leading zeros not counted. */
    public static final int MAX_PRICE_INTEGER_DIGITS = 12;

    /** The most significant decimals of a price: matching compares prices to 4 decimal places. */
    public static final int PRICE_DECIMALS = 4;

    /**
     * The most digits an amount ({@code netAmount}, {@code settlementAmount}) may have before its decimal point,
     * leading zeros not counted. A trade's price × quantity must fit it too, so that every allocation's settlement
     * amount does.
     */
    public static final int MAX_AMOUNT_INTEGER_DIGITS = 18;

    /** The most significant decimals of an amount. */
    public static final int AMOUNT_DECIMALS = 2;

    /**
     * The longest decimal string (price or amount) as written, sign, leading and trailing zeros included: it is
     * checked before the string becomes a number, so a 100,000-digit value costs nothing.
     */
    public static final int MAX_DECIMAL_LENGTH = 32;

    /** The most characters of a participant's value a rejection echoes back; a longer one is cut and ends in "…". */
    public static final int MAX_ECHO_LENGTH = 64;

    /** What {@link #echo} puts in place of a character it will not repeat. */
    public static final char REPLACEMENT = '\uFFFD';

    private WireLimits() {}

    /** The JSON Schema {@code pattern} of an id of at most {@code maxLength} characters. */
    public static String idPattern(int maxLength) {
        return "^[" + ID_CHARACTERS + "]{1," + maxLength + "}$";
    }

    /** True when {@code value} is an id: 1 to {@code maxLength} characters, all of them {@link #ID_CHARACTERS}. */
    public static boolean isValidId(String value, int maxLength) {
        return value != null && !value.isEmpty() && value.length() <= maxLength && firstForbiddenIdCharacter(value) < 0;
    }

    /** The index of the first character of {@code value} that is not one of {@link #ID_CHARACTERS}, or -1. */
    public static int firstForbiddenIdCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '/'
                    || c == '-';
            if (!allowed) return i;
        }
        return -1;
    }

    /** The limit text of a string field, as a rejection's {@code limit} gives it: "64 characters at most". */
    public static String lengthLimit(int maxLength) {
        return maxLength + " characters at most";
    }

    /** The limit text of an id's characters, as a rejection's {@code limit} gives it. */
    public static String idCharactersLimit() {
        return "only [" + ID_CHARACTERS + "]";
    }

    /**
     * A participant's value made safe to repeat in a report, a log or a store: at most {@link #MAX_ECHO_LENGTH}
     * characters (then "…"), each control character (U+0000–U+001F, U+007F–U+009F), format character (such as the
     * bidirectional overrides), line or paragraph separator, private-use, unassigned or lone surrogate code point
     * replaced by U+FFFD. Null stays null.
     */
    public static String echo(String value) {
        return echo(value, MAX_ECHO_LENGTH);
    }

    /** {@link #echo(String)} with another length: at most {@code maxCodePoints} code points, then "…". */
    public static String echo(String value, int maxCodePoints) {
        if (value == null) return null;
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxCodePoints) + 1);
        int i = 0;
        for (int kept = 0; i < value.length() && kept < maxCodePoints; kept++) {
            int codePoint = value.codePointAt(i);
            out.appendCodePoint(isEchoable(codePoint) ? codePoint : REPLACEMENT);
            i += Character.charCount(codePoint);
        }
        if (i < value.length()) out.append('…');
        return out.toString();
    }

    private static boolean isEchoable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
