/**
 * The settlement side of the v1 wire contract: the instructions trade-matching emits for each allocation of a matched
 * trade on {@code settlements.inbound}, which settlement-matching pairs by direction and mirrored parties.
 */
package io.tradewind.model.settlement;
