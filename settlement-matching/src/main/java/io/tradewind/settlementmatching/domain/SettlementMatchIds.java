package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id of a matched pair of settlement instructions, the same whichever arrived first, so a replayed decision
 * reproduces it: {@code "SM-"} + the first 16 hex digits of the SHA-256 of the two instruction ids, sorted and joined
 * by a newline.
 */
public final class SettlementMatchIds {
    private static final HexFormat HEX = HexFormat.of();
    // One digest per thread: getInstance allocates a fresh digest and its buffers on every call of a hot path.
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(SettlementMatchIds::newSha256);

    private SettlementMatchIds() {}

    public static String of(String instructionIdA, String instructionIdB) {
        Require.text(instructionIdA, "instructionIdA");
        Require.text(instructionIdB, "instructionIdB");
        if (instructionIdA.equals(instructionIdB)) {
            throw new IllegalArgumentException("an instruction cannot pair with itself: " + instructionIdA);
        }
        String pair = instructionIdA.compareTo(instructionIdB) < 0
                ? instructionIdA + "\n" + instructionIdB
                : instructionIdB + "\n" + instructionIdA;
        byte[] digest = SHA_256.get().digest(pair.getBytes(StandardCharsets.UTF_8));
        return "SM-" + HEX.formatHex(digest, 0, 8);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
