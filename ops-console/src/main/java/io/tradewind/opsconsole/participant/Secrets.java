package io.tradewind.opsconsole.participant;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New broker passwords: 32 bytes from a {@link SecureRandom} (256 bits), URL-safe Base64 without padding, 43
 * characters. They fit Amazon MQ's rules (at least 12 characters, at least 4 distinct, no comma, colon or equals sign)
 * and a {@code user=password} line.
 */
final class Secrets {
    static final int BYTES = 32;
    private static final int MIN_DISTINCT_CHARACTERS = 4;

    private final SecureRandom random;

    Secrets(SecureRandom random) {
        this.random = random;
    }

    String next() {
        while (true) {
            byte[] bytes = new byte[BYTES];
            random.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Amazon MQ refuses a password of fewer distinct characters; 43 random ones nearly never are.
            if (secret.chars().distinct().count() >= MIN_DISTINCT_CHARACTERS) return secret;
        }
    }
}
