package io.tradewind.platform.stream;

/** A record that its stage's decoder refused, and why; the raw record travels with it so nothing is lost. */
public record UndecodableRecord(StreamRecord record, String reason) {}
