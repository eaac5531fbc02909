package io.tradewind.model.trade;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tradewind.model.wire.WireJson;
import java.math.BigDecimal;
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
     * TOO_LARGE when it is over {@code maxUtf8Bytes} (checked before parsing), MALFORMED_JSON when it is absent, empty,
     * not JSON, followed by trailing content or repeats a field, and NOT_AN_OBJECT when it is JSON of another kind.
     */
    public static FieldReader ofBody(String body, int maxUtf8Bytes, List<Rejection> rejections) {
        if (body == null) return rejectBody(rejections, RejectionCode.MALFORMED_JSON, "no body");
        if (exceedsUtf8Bytes(body, maxUtf8Bytes)) {
            return rejectBody(rejections, RejectionCode.TOO_LARGE, "over " + maxUtf8Bytes + " bytes of UTF-8");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JacksonException e) {
            return rejectBody(rejections, RejectionCode.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return rejectBody(rejections, RejectionCode.MALFORMED_JSON, "empty body");
        }
        if (!root.isObject()) {
            return rejectBody(rejections, RejectionCode.NOT_AN_OBJECT, "must be a JSON object, was " + typeOf(root));
        }
        return new FieldReader(root, "", rejections);
    }

    private static FieldReader rejectBody(List<Rejection> rejections, RejectionCode code, String detail) {
        rejections.add(new Rejection(BODY, code, detail));
        return null;
    }

    /** The path a rejection of the field {@code name} carries. */
    public String path(String name) {
        return pathPrefix + name;
    }

    /** Records a rejection of the field {@code name}, e.g. for a rule that spans fields. */
    public void reject(String name, RejectionCode code, String detail) {
        rejections.add(new Rejection(path(name), code, detail));
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

    /** One of the constants of an enum, spelled exactly as the contract does. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String value = text(name);
        if (value == null) return null;
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) return constant;
        }
        reject(
                name,
                RejectionCode.UNKNOWN_VALUE,
                "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        return null;
    }

    /** A JSON integer greater than zero; quantities are integers on the wire, never strings or decimals. */
    public Long positiveInteger(String name) {
        JsonNode node = required(name);
        if (node == null) return null;
        if (!node.isIntegralNumber()) {
            reject(name, RejectionCode.WRONG_TYPE, "must be an integer, was " + typeOf(node));
            return null;
        }
        if (!node.canConvertToLong()) {
            reject(name, RejectionCode.OUT_OF_RANGE, "exceeds " + Long.MAX_VALUE);
            return null;
        }
        long value = node.longValue();
        if (value <= 0) {
            reject(name, RejectionCode.NOT_POSITIVE, "must be greater than zero, was " + value);
            return null;
        }
        return value;
    }

    /**
     * A decimal string greater than zero with at most {@code maxDecimals} decimal places written. Amounts travel as
     * strings so that no JSON library on the way turns them into binary floating point.
     */
    public BigDecimal positiveDecimal(String name, int maxDecimals) {
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
            reject(name, RejectionCode.INVALID_FORMAT, "'" + text + "' is not a plain decimal");
            return null;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > maxDecimals) {
            reject(name, RejectionCode.INVALID_FORMAT, "more than " + maxDecimals + " decimal places: " + text);
            return null;
        }
        if (value.signum() <= 0) {
            reject(name, RejectionCode.NOT_POSITIVE, "must be greater than zero, was " + text);
            return null;
        }
        return value;
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
        reject(name, RejectionCode.INVALID_FORMAT, "'" + text + "' is not an ISO-8601 date (yyyy-MM-dd)");
        return null;
    }

    /** An ISO 4217 currency code: three upper-case letters naming a currency. */
    public String currency(String name) {
        String text = text(name);
        if (text == null) return null;
        if (!CURRENCY.matcher(text).matches()) {
            reject(name, RejectionCode.INVALID_FORMAT, "'" + text + "' is not three upper-case letters");
            return null;
        }
        try {
            Currency.getInstance(text);
            return text;
        } catch (IllegalArgumentException e) {
            reject(name, RejectionCode.UNKNOWN_VALUE, "'" + text + "' is not an ISO 4217 currency");
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
                    "'" + text + "' is not an ISIN (2 letters, 9 alphanumerics, 1 digit)");
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
