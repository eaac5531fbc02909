/**
 * The trade side of the v1 wire contract: trades and cancels counterparties post on {@code trades.inbound}, and the
 * status reports Tradewind answers them with on {@code trades.status}.
 */
package io.tradewind.model.trade;
