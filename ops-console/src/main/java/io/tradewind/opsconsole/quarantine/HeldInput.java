package io.tradewind.opsconsole.quarantine;

/** An entry of the quarantine with the raw bytes it kept: the message body, or the stream record's data. */
public record HeldInput(QuarantineEntry entry, byte[] payload) {
    public HeldInput {
        if (entry == null) throw new IllegalArgumentException("entry is null");
        if (payload == null) throw new IllegalArgumentException("payload is null");
        if (payload.length != entry.payloadSize())
            throw new IllegalArgumentException(
                    "payload has " + payload.length + " bytes, the entry says " + entry.payloadSize());
    }
}
