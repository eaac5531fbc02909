package io.tradewind.platform.quarantine;

/**
 * Where a stage puts an input it must not retry: durably, before the input's batch is acknowledged or checkpointed.
 * Adapters count each input they quarantine in {@code tradewind.quarantined{stage,reason}}.
 */
public interface Quarantine {
    /** The meter of quarantined inputs, tagged by stage and reason. */
    String METER = "tradewind.quarantined";

    /**
     * Keeps the input, unless an input with its id is kept already. Throws {@code DependencyUnavailableException} when
     * the store cannot be reached; the caller retries and acknowledges nothing meanwhile.
     */
    void hold(QuarantinedInput input);
}
