package io.tradewind.tradegenerator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {
    private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 19);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    @Test
    void settlesAThursdayTradeOnMonday() {
        assertThat(BusinessDays.add(THURSDAY, 2)).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void settlesAFridayTradeOnTuesday() {
        assertThat(BusinessDays.add(FRIDAY, 2)).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void countsBackwardsOverTheWeekendToo() {
        assertThat(BusinessDays.add(LocalDate.of(2026, 11, 23), -1)).isEqualTo(FRIDAY);
    }
}
