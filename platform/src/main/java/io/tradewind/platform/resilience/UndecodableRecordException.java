package io.tradewind.platform.resilience;

/**
 * A record whose bytes cannot become the message a stage expects. It is answered (a REJECTED status, recorded with its
 * raw payload) and skipped; retrying it would only block the shard.
 */
public class UndecodableRecordException extends RuntimeException {
    public UndecodableRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public UndecodableRecordException(String reason) {
        super(reason);
    }
}
