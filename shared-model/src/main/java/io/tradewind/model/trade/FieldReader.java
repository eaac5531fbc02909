package io.tradewind.model.trade;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tradewind.model.wire.BusinessDateWindow;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.model.wire.WireText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object against the wire contract, recording a {@link Rejection} for each field at fault
 * instead of stopping at the first, so a sender learns everything wrong with a message in one report. Every read
 * returns null when the field is at fault; an explicit JSON null counts as absent. The inbound decoders of trades and
 * settlement instructions share it, so both apply the same rules to the same kinds of field.
 */
public final class FieldReader {
    /** The name a rejection of the message as a whole carries instead of a field's. */
    public static final String BODY = "body";

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final int MAX_JSON_NUMBER_DIGITS =
            StreamReadConstraints.defaults().getMaxNumberLength();
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    // Trailing content after the object is a truncated or concatenated body, not a message.
    private static final ObjectReader READER =
            WireJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode object;
    private final String pathPrefix;
    private final List<Rejection> rejections;

    /**
     * Reads {@code object}, naming each field {@code pathPrefix + name} (e.g. {@code "allocations[1]."}) and adding its
     * rejections to {@code rejections}.
     */
    public FieldReader(JsonNode object, String pathPrefix, List<Rejection> rejections) {
        this.object = object;
        this.pathPrefix = pathPrefix;
        this.rejections = rejections;
    }

    /**
     * A reader of the JSON object {@code body} holds, or null after recording the one rejection of the body as a whole:
     * TOO_LARGE when it is over {@code maxUtf8Bytes} (checked before anything else), NOT_UTF8 when its text holds
     * U+FFFD or a lone surrogate, MALFORMED_JSON when it is absent, empty, not JSON, followed by trailing content or
     * repeats a field, and NOT_AN_OBJECT when it is JSON of another kind.
     */
    public static FieldReader ofBody(String body, int maxUtf8Bytes, List<Rejection> rejections) {
        if (body == null) return rejectBody(rejections, RejectionCode.MALFORMED_JSON, "no body", null);
        if (exceedsUtf8Bytes(body, maxUtf8Bytes)) {
            return rejectBody(
                    rejections,
                    RejectionCode.TOO_LARGE,
                    "over " + maxUtf8Bytes + " bytes of UTF-8",
                    maxUtf8Bytes + " bytes at most");
        }
        if (!WireText.isWellFormed(body)) {
            return rejectBody(rejections, RejectionCode.NOT_UTF8, "the body's bytes are not valid UTF-8", "UTF-8 only");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (StreamConstraintsException e) {
            // A JSON number of over 1,000 digits is refused by the parser before it becomes a number.
            if (e.getOriginalMessage().startsWith("Number value length")) {
                return rejectBody(
                        rejections,
                        RejectionCode.TOO_MANY_DIGITS,
                        WireLimits.echo(e.getOriginalMessage(), 200),
                        MAX_JSON_NUMBER_DIGITS + " digits per JSON number at most");
            }
            return rejectBody(
                    rejections, RejectionCode.MALFORMED_JSON, WireLimits.echo(e.getOriginalMessage(), 200), null);
        } catch (JacksonException e) {
            // The parser's message may quote the body: echo it like any other value a participant sent.
            return rejectBody(
                    rejections, RejectionCode.MALFORMED_JSON, WireLimits.echo(e.getOriginalMessage(), 200), null);
        } catch (NumberFormatException e) {
            // A JSON number whose exponent no decimal can hold (1e2376861997509), in any field, known or not.
            return rejectBody(
                    rejections,
                    RejectionCode.TOO_MANY_DIGITS,
                    "a JSON number whose exponent is out of range",
                    "an exponent within +/-" + Integer.MAX_VALUE);
        }
        if (root == null || root.isMissingNode()) {
            return rejectBody(rejections, RejectionCode.MALFORMED_JSON, "empty body", null);
        }
        if (!root.isObject()) {
            return rejectBody(
                    rejections, RejectionCode.NOT_AN_OBJECT, "must be a JSON object, was " + typeOf(root), null);
        }
        return new FieldReader(root, "", rejections);
    }

    private static FieldReader rejectBody(List<Rejection> rejections, RejectionCode code, String detail, String limit) {
        rejections.add(new Rejection(BODY, code, detail, limit));
        return null;
    }

    /**
     * The path a rejection of the field {@code name} carries: {@code prefix + name}, or {@code prefix["<name>"]} with
     * the name echoed when it is not a plain name of at most 64 letters, digits and underscores (an unknown field can
     * be called anything, the empty string included).
     */
    public String path(String name) {
        if (SIMPLE_NAME.matcher(name).matches()) return pathPrefix + name;
        String parent = pathPrefix.endsWith(".") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
        return parent + "[\"" + WireLimits.echo(name) + "\"]";
    }

    /** Records a rejection of the field {@code name}, e.g. for a rule that spans fields. */
    public void reject(String name, RejectionCode code, String detail) {
        reject(name, code, detail, null);
    }

    /** Records a rejection of the field {@code name} for breaking {@code limit}. */
    public void reject(String name, RejectionCode code, String detail, String limit) {
        rejections.add(new Rejection(path(name), code, detail, limit));
    }

    /** Whether the field is there with a value other than JSON null. */
    public boolean isPresent(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    /** The field's node, or null after recording MISSING. */
    public JsonNode required(String name) {
        if (isPresent(name)) return object.get(name);
        reject(name, RejectionCode.MISSING, "required");
        return null;
    }

    /** A non-blank string. */
    public String text(String name) {
        JsonNode node = required(name);
        if (node == null) return null;
        if (!node.isTextual()) {
            reject(name, RejectionCode.WRONG_TYPE, "must be a string, was " + typeOf(node));
            return null;
        }
        if (node.textValue().isBlank()) {
            reject(name, RejectionCode.MISSING, "blank");
            return null;
        }
        return node.textValue();
    }

    /**
     * An id: a non-blank string of at most {@code maxLength} characters (TOO_LONG), each one of
     * {@link WireLimits#ID_CHARACTERS} (FORBIDDEN_CHARACTER). The length is checked first, so a huge value is refused
     * without being scanned.
     */
    public String id(String name, int maxLength) {
        String value = text(name);
        if (value == null) return null;
        if (value.length() > maxLength) {
            reject(
                    name,
                    RejectionCode.TOO_LONG,
                    value.length() + " characters: '" + WireLimits.echo(value) + "'",
                    WireLimits.lengthLimit(maxLength));
            return null;
        }
        int forbidden = WireLimits.firstForbiddenIdCharacter(value);
        if (forbidden >= 0) {
            reject(
                    name,
                    RejectionCode.FORBIDDEN_CHARACTER,
                    String.format(
                            Locale.ROOT,
                            "U+%04X at position %d of '%s'",
                            value.codePointAt(forbidden),
                            forbidden,
                            WireLimits.echo(value)),
                    WireLimits.idCharactersLimit());
            return null;
        }
        return value;
    }

    /** One of the constants of an enum, spelled exactly as the contract does. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String value = text(name);
        if (value == null) return null;
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) return constant;
        }
        String allowed = Arrays.toString(type.getEnumConstants());
        reject(
                name,
                RejectionCode.UNKNOWN_VALUE,
                "'" + WireLimits.echo(value) + "' is not one of " + allowed,
                "one of " + allowed);
        return null;
    }

    /**
     * A JSON integer from 1 to {@link WireLimits#MAX_QUANTITY}; quantities are integers on the wire, never strings or
     * decimals. One with more digits is TOO_MANY_DIGITS, however many (the parser refuses a number of over 1,000 digits
     * before this reads it).
     */
    public Long quantity(String name) {
        JsonNode node = required(name);
        if (node == null) return null;
        if (!node.isIntegralNumber()) {
            reject(name, RejectionCode.WRONG_TYPE, "must be an integer, was " + typeOf(node));
            return null;
        }
        int sign = node.canConvertToLong()
                ? Long.signum(node.longValue())
                : node.bigIntegerValue().signum();
        if (sign <= 0) {
            reject(
                    name,
                    RejectionCode.NOT_POSITIVE,
                    "must be greater than zero, was " + WireLimits.echo(node.asText()),
                    "1 at least");
            return null;
        }
        if (!node.canConvertToLong() || node.longValue() > WireLimits.MAX_QUANTITY) {
            reject(
                    name,
                    RejectionCode.TOO_MANY_DIGITS,
                    "more than " + WireLimits.MAX_QUANTITY_DIGITS + " digits: " + WireLimits.echo(node.asText()),
                    WireLimits.MAX_QUANTITY_DIGITS + " digits at most");
            return null;
        }
        return node.longValue();
    }

    /**
     * A decimal string greater than zero with at most {@code maxIntegerDigits} digits before the point (leading zeros
     * not counted) and {@code maxDecimals} significant decimals. Zeros after the last significant decimal are accepted
     * (FIX engines write "187.250000") and dropped down to {@code maxDecimals} places, so "187.250000" with 4 decimals
     * is 187.2500, the same value and scale as "187.2500"; a value written with fewer decimals keeps its scale. A
     * significant decimal beyond {@code maxDecimals} is TOO_MANY_DECIMALS: never rounded. Amounts travel as strings so
     * that no JSON library on the way turns them into binary floating point; the string's length is checked before it
     * becomes a number.
     */
    public BigDecimal positiveDecimal(String name, int maxIntegerDigits, int maxDecimals) {
        JsonNode node = required(name);
        if (node == null) return null;
        if (!node.isTextual()) {
            reject(name, RejectionCode.WRONG_TYPE, "must be a decimal string such as \"187.25\", was " + typeOf(node));
            return null;
        }
        String text = node.textValue();
        if (text.isBlank()) {
            reject(name, RejectionCode.MISSING, "blank");
            return null;
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            reject(
                    name,
                    RejectionCode.INVALID_FORMAT,
                    "'" + WireLimits.echo(text) + "' is not a plain decimal",
                    "digits, optionally a '.' and more digits");
            return null;
        }
        int point = text.indexOf('.');
        int integerEnd = point < 0 ? text.length() : point;
        int integerStart = text.startsWith("-") ? 1 : 0;
        while (integerStart < integerEnd - 1 && text.charAt(integerStart) == '0') integerStart++;
        int integerDigits = text.charAt(integerStart) == '0' ? 0 : integerEnd - integerStart;
        if (integerDigits > maxIntegerDigits) {
            reject(
                    name,
                    RejectionCode.TOO_MANY_DIGITS,
                    integerDigits + " digits before the decimal point: '" + WireLimits.echo(text) + "'",
                    maxIntegerDigits + " integer digits at most");
            return null;
        }
        int decimalsEnd = text.length();
        while (point >= 0 && decimalsEnd > point + 1 && text.charAt(decimalsEnd - 1) == '0') decimalsEnd--;
        int significantDecimals = point < 0 ? 0 : decimalsEnd - point - 1;
        if (significantDecimals > maxDecimals) {
            reject(
                    name,
                    RejectionCode.TOO_MANY_DECIMALS,
                    "more than " + maxDecimals + " significant decimal places: '" + WireLimits.echo(text) + "'",
                    maxDecimals + " decimal places at most");
            return null;
        }
        if (text.length() > WireLimits.MAX_DECIMAL_LENGTH) {
            reject(
                    name,
                    RejectionCode.TOO_LONG,
                    text.length() + " characters: '" + WireLimits.echo(text) + "'",
                    WireLimits.lengthLimit(WireLimits.MAX_DECIMAL_LENGTH));
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0) {
            reject(name, RejectionCode.NOT_POSITIVE, "must be greater than zero, was " + text, "greater than 0");
            return null;
        }
        // Only zeros are beyond maxDecimals here, so this drops them without rounding anything.
        return value.scale() > maxDecimals ? value.setScale(maxDecimals, RoundingMode.UNNECESSARY) : value;
    }

    /** An ISO-8601 calendar date, {@code yyyy-MM-dd}, that exists. */
    public LocalDate date(String name) {
        String text = text(name);
        if (text == null) return null;
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // falls through: the form is right but the date does not exist, e.g. 2026-02-30
            }
        }
        reject(
                name,
                RejectionCode.INVALID_FORMAT,
                "'" + WireLimits.echo(text) + "' is not an ISO-8601 date (yyyy-MM-dd)",
                "yyyy-MM-dd");
        return null;
    }

    /**
     * Checks a trade date and its settlement date against {@code window} and today's date: the trade date within the
     * window (OUT_OF_WINDOW), the settlement date not before it (SETTLEMENT_BEFORE_TRADE_DATE) and not after the
     * window's end (OUT_OF_WINDOW). Either may be null when it was already rejected; what can be checked is.
     */
    public void businessDates(
            String tradeDateName,
            LocalDate tradeDate,
            String settlementDateName,
            LocalDate settlementDate,
            BusinessDateWindow window,
            LocalDate today) {
        if (tradeDate == null) return;
        LocalDate earliest = window.earliestTradeDate(today);
        LocalDate latest = window.latestTradeDate(today);
        if (tradeDate.isBefore(earliest) || tradeDate.isAfter(latest)) {
            reject(
                    tradeDateName,
                    RejectionCode.OUT_OF_WINDOW,
                    tradeDate + " is outside the trade dates accepted today (" + today + ")",
                    "from " + earliest + " to " + latest);
        }
        if (settlementDate == null) return;
        LocalDate lastSettlement = window.latestSettlementDate(tradeDate);
        if (settlementDate.isBefore(tradeDate)) {
            reject(
                    settlementDateName,
                    RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE,
                    settlementDate + " precedes tradeDate " + tradeDate,
                    "from " + tradeDate + " to " + lastSettlement);
        } else if (settlementDate.isAfter(lastSettlement)) {
            reject(
                    settlementDateName,
                    RejectionCode.OUT_OF_WINDOW,
                    settlementDate + " is more than " + window.settlementDaysAfterTradeDate() + " days after tradeDate "
                            + tradeDate,
                    "from " + tradeDate + " to " + lastSettlement);
        }
    }

    /** An ISO 4217 currency code: three upper-case letters naming a currency. */
    public String currency(String name) {
        String text = text(name);
        if (text == null) return null;
        if (!CURRENCY.matcher(text).matches()) {
            reject(
                    name,
                    RejectionCode.INVALID_FORMAT,
                    "'" + WireLimits.echo(text) + "' is not three upper-case letters",
                    "[A-Z]{3}");
            return null;
        }
        try {
            Currency.getInstance(text);
            return text;
        } catch (IllegalArgumentException e) {
            reject(name, RejectionCode.UNKNOWN_VALUE, "'" + text + "' is not an ISO 4217 currency", "ISO 4217");
            return null;
        }
    }

    /** An ISIN with a correct check digit. */
    public String isin(String name) {
        String text = text(name);
        if (text == null) return null;
        if (!Isin.hasValidForm(text)) {
            reject(
                    name,
                    RejectionCode.INVALID_FORMAT,
                    "'" + WireLimits.echo(text) + "' is not an ISIN (2 letters, 9 alphanumerics, 1 digit)",
                    "[A-Z]{2}[A-Z0-9]{9}[0-9]");
            return null;
        }
        if (!Isin.isValid(text)) {
            reject(name, RejectionCode.INVALID_CHECK_DIGIT, "'" + text + "' has a wrong check digit");
            return null;
        }
        return text;
    }

    /**
     * Rejects every field that is not in {@code allowed}: UNKNOWN_FIELD if the contract does not know it at all,
     * NOT_ALLOWED if it is a contract field of another message type (absent and null ones are tolerated).
     */
    public void rejectOthers(Set<String> allowed, Set<String> known) {
        object.fieldNames().forEachRemaining(name -> {
            if (allowed.contains(name)) return;
            if (!known.contains(name)) {
                reject(name, RejectionCode.UNKNOWN_FIELD, "not a field of the contract");
            } else if (isPresent(name)) {
                reject(name, RejectionCode.NOT_ALLOWED, "not allowed on this message type");
            }
        });
    }

    /** The JSON type of a node as a rejection's detail names it, e.g. "an integer". */
    public static String typeOf(JsonNode node) {
        if (node.isTextual()) return "a string";
        if (node.isIntegralNumber()) return "an integer";
        if (node.isNumber()) return "a decimal number";
        if (node.isBoolean()) return "a boolean";
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Counts UTF-8 bytes without encoding the string, stopping as soon as the limit is passed. */
    private static boolean exceedsUtf8Bytes(String text, int limit) {
        if (text.length() > limit) return true; // every char is at least one byte
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
            if (bytes > limit) return true;
        }
        return false;
    }
}
