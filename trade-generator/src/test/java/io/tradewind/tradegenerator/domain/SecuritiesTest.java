package io.tradewind.tradegenerator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.trade.Isin;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecuritiesTest {

    @Test
    void everyDefaultIsinHasAValidCheckDigit() {
        assertThat(Securities.defaults().list()).extracting(Security::isin).allSatisfy(isin -> assertThat(
                        Isin.isValid(isin))
                .as("check digit of %s", isin)
                .isTrue());
    }

    @Test
    void listsAboutThirtyDistinctRealEquitiesWithPricesInTheirCurrency() {
        List<Security> list = Securities.defaults().list();

        assertThat(list).hasSizeBetween(30, 40);
        assertThat(list).extracting(Security::isin).doesNotHaveDuplicates();
        assertThat(list).extracting(Security::currency).contains("USD", "GBP", "EUR", "CHF");
        assertThat(list)
                .allSatisfy(security -> assertThat(security.referencePrice()).isPositive());
        assertThat(list)
                .filteredOn(security -> security.isin().equals("US0378331005"))
                .extracting(Security::name)
                .containsExactly("Apple");
    }

    @Test
    void refusesASecurityWhoseIsinHasAWrongCheckDigit() {
        assertThatThrownBy(() -> new Security("US0378331006", "Apple", "USD", BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("US0378331006");
    }

    @Test
    void refusesAListNamingAnIsinTwice() {
        Security apple = Securities.defaults().get(0);

        assertThatThrownBy(() -> Securities.of(List.of(apple, apple)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(apple.isin());
    }
}
