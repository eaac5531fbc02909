package io.tradewind.platform.quarantine;

import java.time.Clock;

/**
 * The quarantine as one stage uses it: entries are filed under the stage's name and the queue or stream it reads.
 *
 * @param stage the stage's name in the quarantine, e.g. {@code ingestion}
 * @param source the queue or stream the stage reads
 */
public record StageQuarantine(Quarantine quarantine, String stage, String source, Clock clock) {

    /**
     * Keeps an input of this stage.
     *
     * @param inputKey unique per input within the stage (a journal key, a stream position)
     */
    public void hold(String inputKey, String partitionKey, String reason, String detail, byte[] payload) {
        quarantine.hold(new QuarantinedInput(
                stage + "|" + inputKey, stage, source, partitionKey, reason, detail, payload, clock.instant()));
    }
}
