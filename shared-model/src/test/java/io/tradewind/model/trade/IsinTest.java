package io.tradewind.model.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsinTest {

    @ParameterizedTest
    @ValueSource(strings = {"US0378331005", "GB0002634946", "DE0007164600", "AU0000XVGZA3", "US5949181045"})
    void acceptsRealIsins(String isin) {
        assertThat(Isin.isValid(isin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"US0378331006", "GB0002634940", "AU0000XVGZA4", "US0378331050"})
    void rejectsAWrongCheckDigitOrTransposedDigits(String isin) {
        assertThat(Isin.hasValidForm(isin)).isTrue();
        assertThat(Isin.isValid(isin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "US037833100", "US03783310055", "us0378331005", "U10378331005", "US037833100A"})
    void rejectsValuesNotShapedLikeAnIsin(String value) {
        assertThat(Isin.hasValidForm(value)).isFalse();
        assertThat(Isin.isValid(value)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Isin.isValid(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"US037833100, 5", "AU0000XVGZA, 3", "GB000263494, 6"})
    void computesTheCheckDigitOverLettersExpandedToNumbers(String first11, int checkDigit) {
        assertThat(Isin.checkDigit(first11)).isEqualTo(checkDigit);
    }

    @Test
    void refusesToComputeACheckDigitForSomethingElse() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Isin.checkDigit("US03783310"))
                .withMessageContaining("US03783310");
    }
}
