package io.tradewind.platform.stream;

import java.util.List;

/**
 * One step of a pipeline, in plain Java: the runtime decodes a batch, hands it here, and checkpoints only after
 * {@link #process} returns. Records no decoder can read never reach a stage: the runtime quarantines them. A stage may see any record more than once (replay, redelivery) and must be idempotent.
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
     * Answers an input a store refused, after the runtime quarantined it (its raw bytes are kept there): a REJECTED
     * status to its sender, say, where one can be named. The answer must itself be something the stores accept; if it
     * fails, the runtime retries it and the shard waits.
     */
    default void onQuarantined(T input, String reason) {}

    /**
     * The id of the trade, instruction or message an input is about, which the runtime puts on every log line written
     * while it handles that input alone ({@link io.tradewind.platform.logging.InputLogContext}); null names the
     * record's partition key instead.
     */
    default String idOf(T input) {
        return null;
    }
}
