package io.tradewind.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireTextTest {

    @Test
    void decodesValidUtf8AsIs() {
        WireText.Utf8Body body = WireText.decodeUtf8("{\"a\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(body).isEqualTo(new WireText.Utf8Body("{\"a\":\"é€😀\"}", true));
        assertThat(WireText.isWellFormed(body.text())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C328", // a lead byte followed by ASCII
                "C0AF", // an overlong '/'
                "EDA080", // a surrogate encoded in UTF-8 (CESU-8)
                "F4908080", // beyond U+10FFFF
                "E282", // cut in the middle of a character
                "FF"
            })
    void reportsBytesThatAreNotUtf8AndMarksThemWithTheReplacementCharacter(String hex) {
        WireText.Utf8Body body = WireText.decodeUtf8(bytes("7B22" + hex + "227D"));

        assertThat(body.validUtf8()).isFalse();
        assertThat(body.text()).contains("\uFFFD");
        assertThat(WireText.isWellFormed(body.text())).isFalse();
    }

    @Test
    void takesNoBytesForAnEmptyBody() {
        assertThat(WireText.decodeUtf8(null)).isEqualTo(new WireText.Utf8Body("", true));
    }

    @Test
    void findsLoneSurrogatesEitherWayRound() {
        assertThat(WireText.isWellFormed("a\uD800")).isFalse();
        assertThat(WireText.isWellFormed("a\uD800b")).isFalse();
        assertThat(WireText.isWellFormed("\uDC00a")).isFalse();
        assertThat(WireText.isWellFormed("\uD83D\uDE00")).isTrue();
    }

    private static byte[] bytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
