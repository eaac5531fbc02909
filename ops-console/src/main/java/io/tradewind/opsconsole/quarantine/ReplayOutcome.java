package io.tradewind.opsconsole.quarantine;

/** What an operator's replay of a quarantined input did, or why it was refused and nothing was done. */
public sealed interface ReplayOutcome {

    /**
     * The input is back in the flow and the replay recorded on its entry.
     *
     * @param entry the entry as recorded: its replay count and time include this replay
     * @param databaseRegion the region whose copy of the app's database holds the entry
     * @param activeRegion the region it was replayed into
     */
    record Replayed(QuarantineEntry entry, String databaseRegion, String activeRegion, Delivery delivery)
            implements ReplayOutcome {}

    record Refused(Reason reason, String message) implements ReplayOutcome {}

    /** Where a replayed input went. */
    sealed interface Delivery {
        /** In an operator's words, with what came from the input made printable. */
        String describe();
    }

    /**
     * @param text whether it went as a TextMessage (its bytes are UTF-8) or else as a BytesMessage
     * @param messageId the JMS message id the broker gave it
     */
    record SentToQueue(String queue, boolean text, String messageId) implements Delivery {
        @Override
        public String describe() {
            return "sent to queue " + queue + " as a " + (text ? "TextMessage" : "BytesMessage") + " (JMS message id "
                    + messageId + ")";
        }
    }

    record PutOnStream(String stream, String partitionKey, String shardId, String sequenceNumber) implements Delivery {
        @Override
        public String describe() {
            return "put onto stream " + stream + " under partition key " + Printable.of(partitionKey) + " (shard "
                    + shardId + ", sequence number " + sequenceNumber + ")";
        }
    }

    enum Reason {
        /** The app's quarantine holds no entry of that id. */
        UNKNOWN_ID,
        /** The entry names a stage the apps do not have: where it goes back is unknown. */
        UNKNOWN_STAGE,
        /** The entry's queue or stream is not the one its stage reads in this app. */
        SOURCE_NOT_OF_STAGE,
        /** A stream entry without the partition key it travelled under. */
        NO_PARTITION_KEY,
        /** No region's processing routing control of the app is On. */
        NO_ACTIVE_REGION,
        /** More than one region's processing routing control of the app is On (ARC's safety rule forbids it). */
        SEVERAL_ACTIVE_REGIONS
    }
}
