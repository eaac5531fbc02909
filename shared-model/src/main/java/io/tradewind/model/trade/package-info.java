/**
 * The trade side of the v1 wire contract: trades and cancels counterparties post on {@code trades.inbound}, the
 * {@link io.tradewind.model.trade.TradeMessageDecoder} that checks them field by field and names every
 * {@link io.tradewind.model.trade.Rejection}, and the status reports Tradewind answers them with on
 * {@code trades.status}.
 */
package io.tradewind.model.trade;
