/**
 * The trade side of the wire contract: trades and cancels counterparties post on {@code trades.inbound}, the
 * {@link io.tradewind.model.trade.TradeMessageDecoder} that checks them field by field and names every
 * {@link io.tradewind.model.trade.Rejection}, and the status reports Tradewind answers them with, each on its
 * recipient's private queue {@code trades.status.<participantId>}.
 */
package io.tradewind.model.trade;
