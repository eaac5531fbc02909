package io.tradewind.platform.gateway;

import io.tradewind.model.wire.Envelope;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an inbound gateway keys a raw body before anything is validated: the envelope it is journaled under (who sent
 * it and its id, unique per the wire contract) and the stream partition key that serializes what must be serialized.
 * Both read leniently and never throw: a body they cannot read is journaled under the broker's id and partitioned by
 * its journal key, and the first stage rejects it with reasons.
 */
public interface InboundKeys {

    Optional<Envelope> envelopeOf(String body);

    /**
     * Who sent a body whose envelope cannot be read or breaks the contract (a 3 KB message id, say): the participant its
     * REJECTED answer is addressed to. By default the envelope's sender.
     */
    default Optional<String> senderOf(String body) {
        return envelopeOf(body).map(Envelope::senderId);
    }

    /** The partition key of a body, or null when it cannot be read. */
    String partitionKeyOf(String body);

    /** Keys for bodies that name their {@code senderId} and {@code messageId}, as trades do. */
    static InboundKeys bySender(Function<String, String> partitionKeyOf) {
        InboundKeys envelopes = of(Envelope::peek, partitionKeyOf);
        return new InboundKeys() {
            @Override
            public Optional<Envelope> envelopeOf(String body) {
                return envelopes.envelopeOf(body);
            }

            @Override
            public Optional<String> senderOf(String body) {
                return Envelope.peekSender(body);
            }

            @Override
            public String partitionKeyOf(String body) {
                return envelopes.partitionKeyOf(body);
            }
        };
    }

    static InboundKeys of(Function<String, Optional<Envelope>> envelopeOf, Function<String, String> partitionKeyOf) {
        return new InboundKeys() {
            @Override
            public Optional<Envelope> envelopeOf(String body) {
                return envelopeOf.apply(body);
            }

            @Override
            public String partitionKeyOf(String body) {
                return partitionKeyOf.apply(body);
            }
        };
    }
}
