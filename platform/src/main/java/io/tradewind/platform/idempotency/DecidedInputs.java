package io.tradewind.platform.idempotency;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Ingestion's final decisions as its stage sees them: an input rejected before is answered as it was the first time,
 * without being decoded again, and an input that booked its row stays booked when replayed, even if a decoder would
 * refuse it now. Each app's intake port extends this with its own types.
 *
 * @param <R> the app's rejected input
 * @param <B> the app's record of an input that booked its row
 */
public interface DecidedInputs<R, B> {

    /** The rejections recorded for these inputs, by input key. */
    Map<String, R> rejectedBefore(Collection<String> inputKeys);

    /** The rows these inputs booked, by input key, given the id (trade id, instructionId) each one's body names. */
    Map<String, B> bookedBefore(Map<String, String> idByInputKey);

    /** Records inputs that were answered REJECTED, so reconciliation counts them as finished and replays repeat them. */
    void recordRejections(List<R> rejections);
}
