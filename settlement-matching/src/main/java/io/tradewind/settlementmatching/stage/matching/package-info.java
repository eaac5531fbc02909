/**
 * Matching: pairs each booked instruction with an open instruction of the opposite direction and mirrored parties,
 * and decides MATCHED (then SETTLED), MISMATCHED or UNMATCHED. One transaction per batch; a replayed command repeats
 * the events it produced, nothing more.
 */
package io.tradewind.settlementmatching.stage.matching;
