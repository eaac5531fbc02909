/**
 * The settlement book's rules. {@link io.tradewind.settlementmatching.domain.SettlementLifecycle} is its state machine:
 * it pairs a settlement instruction with the open instruction of the opposite direction whose parties mirror it on the
 * same security, lets the {@link io.tradewind.settlementmatching.domain.SettlementMatcher} decide MATCHED (quantity,
 * dates and currency equal, amount within the CSDR tolerance), MISMATCHED (with one reason per differing field) or
 * UNMATCHED, settles a matched pair at once and confirms it, and says so in past-tense
 * {@link io.tradewind.settlementmatching.domain.InstructionEvent}s. Everything here is pure and deterministic: the store
 * that holds the instructions locks and loads them, so a replayed instruction reaches the same decision and the same
 * settlement match id. No Spring, AWS, JMS, JDBC or JSON here.
 */
package io.tradewind.settlementmatching.domain;
