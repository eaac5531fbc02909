package io.tradewind.opsconsole.quarantine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Quarantined inputs as an operator's terminal or log may show them. They came from outside and are hostile: control
 * and format characters (escape sequences, bidirectional overrides, line breaks) are shown as {@code \n}, {@code \t},
 * {@code \r} or {@code \\uXXXX}, and bytes that are not UTF-8 as {@code \xNN}.
 */
public final class Printable {
    private Printable() {}

    public static String of(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length());
        appendEscaped(out, text);
        return out.toString();
    }

    /**
     * The first {@code maxBytes} of {@code bytes} as text, cut at the start of a character rather than inside one.
     */
    public static String of(byte[] bytes, int maxBytes) {
        int end = Math.min(bytes.length, Math.max(0, maxBytes));
        // A UTF-8 continuation byte (10xxxxxx) at the cut belongs to the character the cut would split.
        for (int back = 0; back < 3 && end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80; back++) end--;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
        CharBuffer chars = CharBuffer.allocate(1024);
        StringBuilder out = new StringBuilder(end);
        while (true) {
            CoderResult result = decoder.decode(in, chars, true);
            appendEscaped(out, chars.flip());
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) out.append(String.format("\\x%02X", in.get() & 0xFF));
            } else if (result.isUnderflow()) {
                decoder.flush(chars);
                appendEscaped(out, chars.flip());
                return out.toString();
            }
        }
    }

    /** The bytes as a string if they are valid UTF-8 throughout. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    private static void appendEscaped(StringBuilder out, CharSequence text) {
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (hidden(c)) out.append(String.format("\\u%04X", c));
                    else out.appendCodePoint(c);
                }
            }
        });
    }

    /** Control and format characters, line and paragraph separators, and a lone surrogate. */
    private static boolean hidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
