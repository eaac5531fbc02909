package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MatchingTolerancesTest {
    @Test
    void defaultsArePriceToFourDecimalsAndNetAmountTwoUpTo100kElse25() {
        assertThat(MatchingTolerances.defaults())
                .isEqualTo(new MatchingTolerances(
                        4, new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00")));
    }

    @Test
    void appliesConfiguredTolerancesInsteadOfTheDefaults() {
        MatchingTolerances strict =
                new MatchingTolerances(4, new BigDecimal("100000"), BigDecimal.ZERO, BigDecimal.ZERO);

        assertThat(strict.netAmountMatches(new BigDecimal("10.00"), new BigDecimal("10.01")))
                .isFalse();
        assertThat(strict.netAmountMatches(new BigDecimal("10.00"), new BigDecimal("10")))
                .isTrue();
    }

    @Test
    void rendersAnOnGridPriceAtThePriceScaleAndAnOffGridOneAsReceived() {
        MatchingTolerances tolerances = MatchingTolerances.defaults();

        assertThat(tolerances.renderPrice(new BigDecimal("187.25"))).isEqualTo("187.2500");
        assertThat(tolerances.renderPrice(new BigDecimal("187.250000"))).isEqualTo("187.2500");
        assertThat(tolerances.renderPrice(new BigDecimal("187.25001"))).isEqualTo("187.25001");
    }

    @Test
    void rejectsANegativeToleranceNamingTheField() {
        assertThatThrownBy(() -> new MatchingTolerances(
                        4, new BigDecimal("100000"), new BigDecimal("-0.01"), new BigDecimal("25.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("netAmountToleranceUpToThreshold");
    }

    @Test
    void rejectsANegativePriceScale() {
        assertThatThrownBy(() -> new MatchingTolerances(
                        -1, new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priceScale");
    }
}
