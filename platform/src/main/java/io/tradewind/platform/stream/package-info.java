/**
 * Streams between stages: a {@link io.tradewind.platform.stream.Stage} runs over each batch a KCL consumer takes from
 * Kinesis (decode, process, publish, then checkpoint), and {@link io.tradewind.platform.stream.KinesisPublisher} puts a
 * stage's outputs on the next stream without dropping any.
 */
package io.tradewind.platform.stream;
