/**
 * The trade book's rules, after CTM. {@link io.tradewind.tradematching.domain.TradeLifecycle} is the book's state
 * machine: given the trades one batch holds locked and the batch's commands, it returns the book's changes and
 * past-tense events ({@code TradeMatched}, {@code TradeMismatched}, {@code TradeUnmatched}, {@code TradeCancelled},
 * {@code TradeSettled}, {@code CancelRefused}). {@link io.tradewind.tradematching.domain.TradeMatcher} pairs a side
 * with the opposite role's side that has the same pairing key and decides MATCHED, MISMATCHED (one reason per
 * differing field) or UNMATCHED. Everything here is pure and deterministic, so a replayed record reaches the same
 * decision and the same match id: the PostgreSQL adapter only locks and loads the rows and writes the changes. No
 * Spring, AWS, JDBC or JSON in this package.
 */
package io.tradewind.tradematching.domain;
