package io.tradewind.tradegenerator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterpartiesTest {

    @Test
    void defaultsToFiveBrokersAndTenInvestmentManagers() {
        Counterparties defaults = Counterparties.defaults();

        assertThat(defaults.executingBrokers()).containsExactly("BRK001", "BRK002", "BRK003", "BRK004", "BRK005");
        assertThat(defaults.investmentManagers())
                .hasSize(10)
                .startsWith("IM001")
                .endsWith("IM010");
    }

    @Test
    void namesAccountsAfterTheInvestmentManagerTheyBelongTo() {
        assertThat(Counterparties.defaults().account("IM003", 7)).isEqualTo("IM003-ACC-07");
    }

    @Test
    void refusesAnIdThatIsBothBrokerAndInvestmentManager() {
        assertThatThrownBy(() -> Counterparties.of(List.of("BRK001", "X"), List.of("X")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'X'");
    }

    @Test
    void refusesTooFewAccountsToSwapOneIntoATenLineAllocation() {
        assertThatThrownBy(() -> new Counterparties(List.of("B"), List.of("I"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountsPerInvestmentManager");
    }
}
