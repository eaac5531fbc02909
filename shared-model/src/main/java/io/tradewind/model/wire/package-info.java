/**
 * The v1 wire contract ({@code docs/wire-contract.md}): UTF-8 JSON bodies on MQ and Kinesis, decimal strings for
 * amounts, ISO-8601 dates, and the limits of every field in {@link io.tradewind.model.wire.WireLimits}. The
 * {@link io.tradewind.model.wire.Envelope} is what a gateway reads of a message before it is validated, after
 * {@link io.tradewind.model.wire.WireText} has told it whether the bytes were UTF-8;
 * {@link io.tradewind.model.wire.WireCodec} writes and strictly reads the messages Tradewind itself produces.
 */
package io.tradewind.model.wire;
