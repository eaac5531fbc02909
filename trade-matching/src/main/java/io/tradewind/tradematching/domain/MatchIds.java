package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of a pair of trade sides, the same whichever side arrived first, so a replayed decision reproduces it:
 * {@code "M-"} + the first 16 hex digits of the SHA-256 of the two trade ids, sorted and joined by a newline.
 */
public final class MatchIds {
    private static final HexFormat HEX = HexFormat.of();
    // One digest per thread: getInstance allocates a fresh digest and its buffers on every call of a hot path.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(MatchIds::newSha256);

    private MatchIds() {}

    public static String of(String tradeIdA, String tradeIdB) {
        Require.text(tradeIdA, "tradeIdA");
        Require.text(tradeIdB, "tradeIdB");
        if (tradeIdA.equals(tradeIdB)) {
            throw new IllegalArgumentException("a trade cannot pair with itself: " + tradeIdA);
        }
        String pair = tradeIdA.compareTo(tradeIdB) < 0 ? tradeIdA + "\n" + tradeIdB : tradeIdB + "\n" + tradeIdA;
        byte[] digest = SHA_256.get().digest(pair.getBytes(StandardCharsets.UTF_8));
        return "M-" + HEX.formatHex(digest, 0, 8);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
