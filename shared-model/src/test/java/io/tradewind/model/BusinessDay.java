package io.tradewind.model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The day the tests decode on: Monday 2026-11-23, the settlement date of the wire contract's example trade (traded on
 * 2026-11-20), so the fixtures stay inside the business-date window whatever the machine's date.
 */
public final class BusinessDay {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    private BusinessDay() {}
}
