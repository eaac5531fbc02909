/**
 * What the generator generates, as plain Java: the securities and counterparties it draws from, the trade pairs a
 * seeded {@link io.tradewind.tradegenerator.domain.TradePairFactory} makes (matched, mismatched and unmatched with
 * equal probability, never cross-pairing within a run), the {@link io.tradewind.tradegenerator.domain.ExpectedOutcome}
 * of each pair that tests and the load harness check results against, and the {@link
 * io.tradewind.tradegenerator.domain.Pacer} that spreads messages evenly over time. No Spring, JMS or JSON here.
 */
package io.tradewind.tradegenerator.domain;
