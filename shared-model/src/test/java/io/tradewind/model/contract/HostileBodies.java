package io.tradewind.model.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireText;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random mutations of a valid body, as a hostile or broken sender would produce them: a field dropped, a value
 * replaced by a random string (control characters, NUL, lone surrogates, emoji, 100,000 characters), a huge or
 * negative number, a value of another JSON type, an unknown field, a duplicate key, the JSON cut short, random bytes.
 * Each mutation is drawn from the given {@link Random}, so one seed gives one body.
 */
final class HostileBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SPECIALS = {
        "\u0000",
        "\u0001",
        "\u0007",
        "\n",
        "\r",
        "\t",
        "\u001b",
        "\u007f",
        "\u0085",
        "\u009f",
        "\u00a0",
        "\u00e9",
        "\u20ac",
        "\u202e",
        "\u2028",
        "\ufeff",
        "\ufffd",
        "\ud800",
        "\udc00",
        "\ud83d\ude00",
        "|",
        "\"",
        "\\",
        "/",
        " ",
        "-",
        ".",
        ":",
        "_",
        "'",
        "<",
        "%",
        "0",
        "9",
        "A",
        "z",
        "e",
        "E",
        "+"
    };

    private final Random random;

    HostileBodies(Random random) {
        this.random = random;
    }

    /** {@code valid} changed by one to three mutations. */
    String mutate(String valid) {
        String body = valid;
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) body = mutateOnce(body);
        return body;
    }

    private String mutateOnce(String body) {
        JsonNode tree = parseOrNull(body);
        int kind = random.nextInt(tree instanceof ObjectNode ? 10 : 3);
        switch (kind) {
            case 0:
                return truncate(body);
            case 1:
                return randomBytesInside(body);
            case 2:
                return rawCharacterInside(body);
            default:
                break;
        }
        ObjectNode object = pickObject((ObjectNode) tree);
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? randomString() : names.get(random.nextInt(names.size()));
        switch (kind) {
            case 3 -> object.remove(name);
            case 4, 5, 6 -> object.set(name, randomValue(object.get(name)));
            case 7 -> object.set(randomFieldName(), randomValue(null));
            case 8 -> {
                return duplicateKey(tree.toString(), name);
            }
            default -> object.set(name, otherType(object.get(name)));
        }
        return tree.toString();
    }

    /** The top-level object, or (for a trade) one of its allocations. */
    private ObjectNode pickObject(ObjectNode root) {
        JsonNode allocations = root.get("allocations");
        if (allocations instanceof ArrayNode array && !array.isEmpty() && random.nextInt(3) == 0) {
            JsonNode element = array.get(random.nextInt(array.size()));
            if (element instanceof ObjectNode object) return object;
        }
        return root;
    }

    private String truncate(String body) {
        return body.isEmpty() ? body : body.substring(0, random.nextInt(body.length()));
    }

    private String randomBytesInside(String body) {
        byte[] bytes = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 4096 : 16)];
        random.nextBytes(bytes);
        String noise = WireText.decodeUtf8(bytes).text();
        if (random.nextInt(4) == 0) return noise;
        int at = random.nextInt(body.length() + 1);
        return body.substring(0, at) + noise + body.substring(at);
    }

    private String rawCharacterInside(String body) {
        int at = random.nextInt(body.length() + 1);
        return body.substring(0, at) + SPECIALS[random.nextInt(SPECIALS.length)] + body.substring(at);
    }

    private String duplicateKey(String json, String name) {
        int brace = json.indexOf('{');
        if (brace < 0) return json;
        String value = random.nextBoolean() ? "\"x\"" : "1";
        return json.substring(0, brace + 1) + "\"" + escape(name) + "\":" + value + "," + json.substring(brace + 1);
    }

    private JsonNode randomValue(JsonNode current) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new BigInteger(digits(1 + random.nextInt(random.nextInt(10) == 0 ? 1200 : 40))));
            case 4 -> NODES.textNode(digits(1 + random.nextInt(random.nextInt(10) == 0 ? 100_000 : 40)));
            case 5 -> NODES.textNode(decimal());
            case 6 -> NODES.textNode(date());
            case 7 -> NODES.arrayNode().add(randomString());
            case 8 -> NODES.objectNode().put(randomFieldName(), randomString());
            case 9 -> NODES.textNode(nearLimit(current));
            default -> NODES.textNode(randomString());
        };
    }

    private JsonNode otherType(JsonNode current) {
        if (current == null) return NODES.textNode(randomString());
        if (current.isTextual()) {
            String text = current.textValue();
            return text.matches("-?[0-9]{1,18}") ? NODES.numberNode(Long.parseLong(text)) : NODES.numberNode(1.5);
        }
        if (current.isNumber()) return NODES.textNode(current.asText());
        if (current.isArray()) return NODES.objectNode();
        return NODES.arrayNode().add(current);
    }

    /** A value at, just under or just over a limit, shaped like the field's current value. */
    private String nearLimit(JsonNode current) {
        String base = current != null && current.isTextual() ? current.textValue() : "A";
        int[] lengths = {31, 32, 33, 63, 64, 65};
        int length = lengths[random.nextInt(lengths.length)];
        StringBuilder out = new StringBuilder(base);
        while (out.length() < length) out.append(random.nextBoolean() ? '0' : 'x');
        return out.substring(0, length);
    }

    private String decimal() {
        String integer = digits(1 + random.nextInt(random.nextInt(5) == 0 ? 25 : 13));
        String sign = random.nextInt(8) == 0 ? "-" : "";
        if (random.nextInt(5) == 0) return sign + integer;
        String fraction = digits(1 + random.nextInt(6)) + "0".repeat(random.nextInt(random.nextInt(10) == 0 ? 50 : 4));
        return sign + integer + "." + fraction;
    }

    private String date() {
        int year = random.nextInt(10) == 0 ? random.nextInt(10_000) : 2024 + random.nextInt(5);
        return String.format("%04d-%02d-%02d", year, random.nextInt(14), random.nextInt(33));
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) out.append((char) ('0' + random.nextInt(10)));
        return out.toString();
    }

    private String randomFieldName() {
        return random.nextInt(4) == 0 ? randomString() : "x" + random.nextInt(1000);
    }

    private String randomString() {
        int length = random.nextInt(60) == 0 ? random.nextInt(100_000) : random.nextInt(40);
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            switch (random.nextInt(4)) {
                case 0 -> out.append(SPECIALS[random.nextInt(SPECIALS.length)]);
                case 1 -> out.append((char) random.nextInt(0x10000));
                default -> out.append((char) (' ' + random.nextInt(95)));
            }
        }
        return out.toString();
    }

    private static String escape(String name) {
        return JsonNodeFactory.instance.textNode(name).toString().replaceAll("^\"|\"$", "");
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return WireJson.mapper().readTree(body);
        } catch (JsonProcessingException | RuntimeException unreadable) {
            return null;
        }
    }
}
