package io.tradewind.platform.gateway;

import java.time.Instant;

/**
 * A raw inbound message as the journal keeps it: the key it is unique by (sender and message id), the body exactly as
 * received, and the broker's id for this delivery (which tells our own retry from a sender's duplicate). With the
 * queue it came from and its size as received, reconciliation can rebuild the very record the gateway forwarded.
 *
 * @param verdict what the gateway already decided about the message before anything read it (see {@link
 *     InboundRecord#verdict()}), or null; kept in the journal so a replay forwards the same record
 * @param authenticatedSender the user the broker authenticated and stamped on the message ({@code JMSXUserID}), or
 *     null when the broker named none; kept in the journal so a replay is judged by the same identity
 */
public record JournalEntry(
        String journalKey,
        String body,
        String partitionKey,
        String brokerMessageId,
        Instant receivedAt,
        String source,
        int originalBytes,
        String verdict,
        String verdictDetail,
        String authenticatedSender) {

    public JournalEntry(
            String journalKey,
            String body,
            String partitionKey,
            String brokerMessageId,
            Instant receivedAt,
            String source,
            int originalBytes) {
        this(journalKey, body, partitionKey, brokerMessageId, receivedAt, source, originalBytes, null, null, null);
    }

    /** The same entry, sent by the user the broker authenticated. */
    public JournalEntry sentBy(String user) {
        return new JournalEntry(
                journalKey,
                body,
                partitionKey,
                brokerMessageId,
                receivedAt,
                source,
                originalBytes,
                verdict,
                verdictDetail,
                user);
    }

    /** The same message journaled under another key with a verdict, as a conflicting reuse of a message id is. */
    public JournalEntry rekeyed(String key, String newVerdict, String detail) {
        return new JournalEntry(
                key,
                body,
                partitionKey,
                brokerMessageId,
                receivedAt,
                source,
                originalBytes,
                newVerdict,
                detail,
                authenticatedSender);
    }

    /**
     * The record the gateway puts on the ingestion stream for this entry. A body the gateway has rejected already
     * travels as a short echo: it is answered without being read, and a long body of control characters, say, would
     * grow sixfold in the record's JSON, past what a stream record may hold.
     */
    public InboundRecord toInboundRecord() {
        String carried = verdict == null ? body : InboundRecord.echo(body);
        return new InboundRecord(
                journalKey,
                brokerMessageId,
                receivedAt,
                carried,
                verdict == null ? originalBytes : carried.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                source,
                verdict,
                verdictDetail,
                authenticatedSender);
    }
}
