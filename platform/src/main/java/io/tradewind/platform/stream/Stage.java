package io.tradewind.platform.stream;

import java.util.List;

/**
 * One step of a pipeline, in plain Java: the runtime decodes a batch, hands it here, and checkpoints only after
 * {@link #process} returns. A stage may see any record more than once (replay, redelivery) and must be idempotent.
 *
 * @param <T> what the stage's decoder turns each record into
 */
public interface Stage<T> {

    /**
     * Makes the batch's effects durable and publishes its outputs, returning only when both are done. Throwing means
     * nothing is checkpointed and the whole batch comes again.
     */
    void process(List<T> batch);

    /**
     * Answers records that could not be decoded (a REJECTED status with the raw payload, say), durably. They are then
     * checkpointed with the batch and never retried: a poison record must not block its shard.
     */
    void onUndecodable(List<UndecodableRecord> records);
}
