package io.tradewind.opsconsole.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void escapesWhatCouldDriveATerminalAndKeepsEverythingElse() {
        assertThat(Printable.of("a\nb\tc\rd\u001b[31me\u0000f\u007f\u0085"))
                .isEqualTo("a\\nb\\tc\\rd\\u001B[31me\\u0000f\\u007F\\u0085");
        // Bidirectional overrides and zero-width characters would make the id on the screen differ from the real one.
        assertThat(Printable.of("ab\u202Edc\u200Bx\u2028")).isEqualTo("ab\\u202Edc\\u200Bx\\u2028");
        assertThat(Printable.of("Zürich 東京 €187.25 \uD83D\uDCC8 \"q\\\""))
                .isEqualTo("Zürich 東京 €187.25 \uD83D\uDCC8 \"q\\\"");
        assertThat(Printable.of((String) null)).isEmpty();
    }

    @Test
    void showsBytesThatAreNotUtf8AsHexAndDecodesTheRest() {
        byte[] bytes = {'{', (byte) 0xC3, (byte) 0x28, '}', (byte) 0xFF, 0x1b, 'x'};

        assertThat(Printable.of(bytes, 100)).isEqualTo("{\\xC3(}\\xFF\\u001Bx");
        assertThat(Printable.utf8(bytes)).isEmpty();
        assertThat(Printable.utf8("Zürich".getBytes(StandardCharsets.UTF_8))).contains("Zürich");
    }

    @Test
    void cutsAtTheStartOfACharacterNeverInsideOne() {
        byte[] euros = "€€€".getBytes(StandardCharsets.UTF_8); // three bytes each

        assertThat(Printable.of(euros, 3)).isEqualTo("€");
        assertThat(Printable.of(euros, 5)).isEqualTo("€");
        assertThat(Printable.of(euros, 6)).isEqualTo("€€");
        assertThat(Printable.of(euros, 100)).isEqualTo("€€€");
        assertThat(Printable.of(euros, 0)).isEmpty();
    }

    @Test
    void decodesAPayloadLargerThanOneBufferWhole() {
        String large = "{\"note\":\"" + "Zürich ".repeat(1_000) + "\"}";

        assertThat(Printable.of(large.getBytes(StandardCharsets.UTF_8), 1 << 20))
                .isEqualTo(large);
    }
}
