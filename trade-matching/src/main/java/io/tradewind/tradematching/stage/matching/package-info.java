/**
 * Matching: pairs each booked trade with its counterpart and decides MATCHED, MISMATCHED or UNMATCHED; applies
 * cancels. One database transaction per batch; a replayed command repeats the events it produced, nothing more.
 */
package io.tradewind.tradematching.stage.matching;
