package io.tradewind.settlementmatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementTolerancesTest {
    private static final SettlementTolerances.Tier JPY_TIER =
            new SettlementTolerances.Tier(new BigDecimal("10000000"), new BigDecimal("200"), new BigDecimal("2500"));

    private final SettlementTolerances csdr = SettlementTolerances.csdr();

    @Test
    void csdrDefaultsAreTwoUpTo100kAndTwentyFiveAboveForEveryCurrency() {
        assertThat(csdr)
                .isEqualTo(new SettlementTolerances(
                        new SettlementTolerances.Tier(
                                new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00")),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0} vs {1} matches: {2}")
    @CsvSource({
        // up to the threshold: 2.00
        "1000.00, 1002.00, true",
        "1000.00, 1002.01, false",
        "1002.00, 1000.00, true",
        "1002.01, 1000.00, false",
        // above the threshold: 25.00
        "200000.00, 200025.00, true",
        "200000.00, 200025.01, false",
        "200025.01, 200000.00, false",
        // exactly at the threshold: the lower tier
        "100000.00, 99998.00, true",
        "100000.00, 99997.99, false",
        // the larger amount chooses the tier, whichever side it is
        "99990.00, 100010.00, true",
        "100010.00, 99990.00, true",
        // scale plays no part
        "1000, 1000.00, true"
    })
    void appliesTheTierTheLargerAmountFallsIn(String ours, String theirs, boolean matches) {
        assertThat(csdr.amountMatches("USD", new BigDecimal(ours), new BigDecimal(theirs)))
                .isEqualTo(matches);
    }

    @Test
    void appliesAPerCurrencyOverrideToItsCurrencyOnly() {
        SettlementTolerances tolerances = new SettlementTolerances(csdr.defaultTier(), Map.of("JPY", JPY_TIER));

        assertThat(tolerances.amountMatches("JPY", new BigDecimal("1000"), new BigDecimal("1200")))
                .isTrue();
        assertThat(tolerances.amountMatches("JPY", new BigDecimal("1000"), new BigDecimal("1201")))
                .isFalse();
        assertThat(tolerances.amountMatches("USD", new BigDecimal("1000"), new BigDecimal("1200")))
                .isFalse();
        assertThat(tolerances.tierFor("EUR")).isEqualTo(csdr.defaultTier());
    }

    @Test
    void refusesANegativeToleranceNamingTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementTolerances.Tier(
                        new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("-25.00")))
                .withMessageContaining("toleranceAboveThreshold")
                .withMessageContaining("-25.00");
    }

    @Test
    void refusesAnOverrideKeyThatIsNotACurrencyCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementTolerances(csdr.defaultTier(), Map.of("jpy", JPY_TIER)))
                .withMessageContaining("perCurrency")
                .withMessageContaining("jpy");
    }

    @Test
    void refusesAnOverrideWithoutATierNamingItsCurrency() {
        Map<String, SettlementTolerances.Tier> overrides = new HashMap<>();
        overrides.put("JPY", null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementTolerances(csdr.defaultTier(), overrides))
                .withMessageContaining("perCurrency[JPY]");
    }

    @Test
    void treatsNoOverridesAsNone() {
        assertThat(new SettlementTolerances(csdr.defaultTier(), null).perCurrency())
                .isEmpty();
    }
}
