package io.tradewind.tradegenerator.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Date arithmetic that skips weekends; there is no holiday calendar. */
final class BusinessDays {
    private BusinessDays() {}

    /** The date {@code days} business days after (or, when negative, before) {@code date}. */
    static LocalDate add(LocalDate date, int days) {
        int step = days >= 0 ? 1 : -1;
        LocalDate result = date;
        for (int remaining = Math.abs(days); remaining > 0; ) {
            result = result.plusDays(step);
            if (!isWeekend(result)) remaining--;
        }
        return result;
    }

    static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
