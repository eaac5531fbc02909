package io.tradewind.opsconsole.flow;

/** Where the console's API takes what it shows: the last sample, at once. */
@FunctionalInterface
public interface FlowSamples {
    FlowSample latest();
}
