/**
 * Spring wiring for the sandbox: when {@code tradewind.trade-generator.enabled} is true, builds one {@link
 * io.tradewind.tradegenerator.posting.TradeGenerator} posting to this region's broker, gated by the application's
 * {@code BooleanSupplier} bean if it has one (the {@code generator} routing control's region gate), started with the
 * context and closed with it.
 */
package io.tradewind.tradegenerator.config;
