package io.tradewind.model.wire;

import java.time.LocalDate;

/**
 * Which business dates a message may carry, relative to the decoder's clock: a trade date from
 * {@code tradeDateDaysBefore} days before today to {@code tradeDateDaysAfter} days after it (a counterparty a time
 * zone ahead may already be on tomorrow), and a settlement date from the trade date to
 * {@code settlementDaysAfterTradeDate} days after it. "Today" is the clock's date in the clock's zone (UTC in the
 * services).
 */
public record BusinessDateWindow(int tradeDateDaysBefore, int tradeDateDaysAfter, int settlementDaysAfterTradeDate) {
    /** The contract's window: trade dates within a year and a day back and one day ahead, settlement within a year. */
    public static final BusinessDateWindow DEFAULT = new BusinessDateWindow(366, 1, 366);

    public BusinessDateWindow {
        if (tradeDateDaysBefore < 0)
            throw new IllegalArgumentException("tradeDateDaysBefore < 0: " + tradeDateDaysBefore);
        if (tradeDateDaysAfter < 0) throw new IllegalArgumentException("tradeDateDaysAfter < 0: " + tradeDateDaysAfter);
        if (settlementDaysAfterTradeDate < 0) {
            throw new IllegalArgumentException("settlementDaysAfterTradeDate < 0: " + settlementDaysAfterTradeDate);
        }
    }

    public LocalDate earliestTradeDate(LocalDate today) {
        return today.minusDays(tradeDateDaysBefore);
    }

    public LocalDate latestTradeDate(LocalDate today) {
        return today.plusDays(tradeDateDaysAfter);
    }

    public LocalDate latestSettlementDate(LocalDate tradeDate) {
        return tradeDate.plusDays(settlementDaysAfterTradeDate);
    }
}
