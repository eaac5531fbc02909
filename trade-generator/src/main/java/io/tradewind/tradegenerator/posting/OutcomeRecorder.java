package io.tradewind.tradegenerator.posting;

import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import java.util.List;

/**
 * Receives the expected outcome of every pair the generator posted, in posting order, right after the transaction
 * holding the pair's messages was committed: a recorded pair is on the broker. Called from the generator's thread.
 */
public interface OutcomeRecorder extends AutoCloseable {

    /** Records the pairs one commit completed; must be durable (or at least flushed) when it returns. */
    void record(List<ExpectedOutcome> committed);

    /** Releases what the recorder holds; the generator calls it once when it stops for good. */
    @Override
    default void close() {}
}
