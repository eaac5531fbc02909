package io.tradewind.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireLimitsTest {

    @Test
    void echoesAShortPrintableValueAsIs() {
        assertThat(WireLimits.echo("BRK001-T42 é€😀")).isEqualTo("BRK001-T42 é€😀");
        assertThat(WireLimits.echo(null)).isNull();
    }

    @Test
    void echoesAtMost64CharactersThenAnEllipsis() {
        String echoed = WireLimits.echo("x".repeat(3000));

        assertThat(echoed).isEqualTo("x".repeat(64) + "…");
        assertThat(WireLimits.echo("x".repeat(64))).isEqualTo("x".repeat(64));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\u0000", "\u0007", "\n", "\u001F", "\u007F", "\u0085", "\u009F", "\u202E", "\u2028", "\uD800"})
    void replacesWhatItWillNotRepeatWithTheReplacementCharacter(String hostile) {
        assertThat(WireLimits.echo("a" + hostile + "b")).isEqualTo("a\uFFFDb");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String echoed = WireLimits.echo("😀".repeat(100));

        assertThat(echoed).isEqualTo("😀".repeat(64) + "…");
        assertThat(WireText.isWellFormed(echoed)).isTrue();
    }

    @Test
    void knowsAnIdByItsLengthAndCharacters() {
        assertThat(WireLimits.isValidId("BRK001-T42:a/b_c.d", 64)).isTrue();
        assertThat(WireLimits.isValidId("x".repeat(64), 64)).isTrue();
        assertThat(WireLimits.isValidId("x".repeat(65), 64)).isFalse();
        assertThat(WireLimits.isValidId("", 64)).isFalse();
        assertThat(WireLimits.isValidId(null, 64)).isFalse();
        assertThat(WireLimits.isValidId("a b", 64)).isFalse();
        assertThat(WireLimits.isValidId("a|b", 64)).isFalse();
    }

    @Test
    void writesTheIdPatternOfTheSchemas() {
        assertThat(WireLimits.idPattern(32)).isEqualTo("^[A-Za-z0-9._:/-]{1,32}$");
        assertThat("BRK001").matches(WireLimits.idPattern(32));
    }
}
