/**
 * The v1 wire contract: UTF-8 JSON bodies on MQ and Kinesis, decimal strings for amounts, ISO-8601 dates. The
 * {@link io.tradewind.model.wire.Envelope} is what a gateway reads of a message before it is validated;
 * {@link io.tradewind.model.wire.WireCodec} writes and strictly reads the messages Tradewind itself produces.
 */
package io.tradewind.model.wire;
