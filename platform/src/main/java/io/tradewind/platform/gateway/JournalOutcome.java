package io.tradewind.platform.gateway;

/**
 * What journaling one entry came to.
 *
 * @param detail for a conflict, which delivery holds the key; for a refusal, what the store said; otherwise null
 */
public record JournalOutcome(Kind kind, String detail) {

    public enum Kind {
        /** Journaled now, or by this very delivery on an earlier attempt that died before the ack. */
        JOURNALED,
        /** Another delivery of the same content holds the key: the sender sent it again, a silent duplicate. */
        DUPLICATE,
        /** Another delivery holds the key with different content: the sender reused a message id. */
        CONFLICT,
        /** The store refused the entry itself (an oversized item, say): it is not journaled and must be quarantined. */
        REFUSED
    }

    public static final JournalOutcome JOURNALED = new JournalOutcome(Kind.JOURNALED, null);
    public static final JournalOutcome DUPLICATE = new JournalOutcome(Kind.DUPLICATE, null);

    public static JournalOutcome conflict(String detail) {
        return new JournalOutcome(Kind.CONFLICT, detail);
    }

    public static JournalOutcome refused(String detail) {
        return new JournalOutcome(Kind.REFUSED, detail);
    }

    public boolean is(Kind kind) {
        return this.kind == kind;
    }
}
