package io.tradewind.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void readsSenderAndMessageIdAndIgnoresTheRest() {
        assertThat(Envelope.peek("{\"messageId\":\"BRK001-1\",\"senderId\":\"BRK001\",\"price\":\"1.5\",\"x\":[1]}"))
                .contains(new Envelope("BRK001", "BRK001-1"));
    }

    @Test
    void journalKeyJoinsSenderAndMessageId() {
        assertThat(new Envelope("IM042", "m-7").journalKey()).isEqualTo("IM042|m-7");
    }

    @Test
    void isEmptyForMalformedJson() {
        assertThat(Envelope.peek("{\"messageId\":")).isEmpty();
        assertThat(Envelope.peek("not json")).isEmpty();
        assertThat(Envelope.peek(null)).isEmpty();
    }

    @Test
    void isEmptyWhenAFieldIsMissingBlankOrNotAString() {
        assertThat(Envelope.peek("{\"messageId\":\"m1\"}")).isEmpty();
        assertThat(Envelope.peek("{\"messageId\":\"m1\",\"senderId\":\" \"}")).isEmpty();
        assertThat(Envelope.peek("{\"messageId\":42,\"senderId\":\"BRK001\"}")).isEmpty();
        assertThat(Envelope.peek("[\"messageId\",\"senderId\"]")).isEmpty();
    }

    @Test
    void refusesBlankParts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Envelope("", "m1"))
                .withMessageContaining("senderId");
    }

    @Test
    void readsBackTheEnvelopeAJournalKeyWasMadeFrom() {
        assertThat(Envelope.fromJournalKey(new Envelope("BRK001", "m|7").journalKey()))
                .contains(new Envelope("BRK001", "m|7"));
        assertThat(Envelope.fromJournalKey("unidentified|ID:broker-1")).isEmpty();
        assertThat(Envelope.fromJournalKey("no-bar")).isEmpty();
        assertThat(Envelope.fromJournalKey(null)).isEmpty();
    }
}
