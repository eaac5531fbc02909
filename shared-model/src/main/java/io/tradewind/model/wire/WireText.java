package io.tradewind.model.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bodies are UTF-8 by contract. A gateway turns the bytes of a message into text with {@link #decodeUtf8}, which says
 * whether they were UTF-8; text that was not carries U+FFFD where the bad bytes were, and the decoders reject any body
 * holding U+FFFD or a lone surrogate as NOT_UTF8 (no field of the contract admits either).
 */
public final class WireText {
    private WireText() {}

    /** The text of a body and whether its bytes were valid UTF-8; when they were not, each bad sequence is U+FFFD. */
    public record Utf8Body(String text, boolean validUtf8) {
        public Utf8Body {
            if (text == null) throw new IllegalArgumentException("text is null");
        }
    }

    /**
     * Decodes {@code bytes} as UTF-8, strictly first (malformed and unmappable input reported, not replaced), and with
     * replacement only when that fails. Null bytes are an empty body.
     */
    public static Utf8Body decodeUtf8(byte[] bytes) {
        if (bytes == null) return new Utf8Body("", true);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return new Utf8Body(text, true);
        } catch (CharacterCodingException notUtf8) {
            return new Utf8Body(new String(bytes, StandardCharsets.UTF_8), false);
        }
    }

    /**
     * True when {@code text} could have come from valid UTF-8 and says so: no U+FFFD (what a lenient decoder leaves of
     * bad bytes) and no surrogate without its pair (which UTF-8 cannot encode).
     */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == WireLimits.REPLACEMENT) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
