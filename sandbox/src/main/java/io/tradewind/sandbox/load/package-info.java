/**
 * The load harness: pushes trade pairs through the pipeline on the emulators at a chosen rate and prints throughput and
 * latency percentiles from MQ-in to status-out. A benchmark to run by hand, never a timed test.
 */
package io.tradewind.sandbox.load;
