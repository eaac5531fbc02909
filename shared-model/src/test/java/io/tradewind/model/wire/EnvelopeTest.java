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

    @Test
    void yieldsNoEnvelopeForAThreeKilobyteMessageIdButStillNamesAValidSender() {
        String body = "{\"senderId\":\"BRK001\",\"messageId\":\"" + "m".repeat(3072) + "\"}";

        assertThat(Envelope.peek(body)).isEmpty();
        assertThat(Envelope.peekSender(body)).contains("BRK001");
    }

    @Test
    void yieldsNoEnvelopeForAMessageIdHoldingNul() {
        String body = "{\"senderId\":\"BRK001\",\"messageId\":\"m\\u00001\"}";

        assertThat(Envelope.peek(body)).isEmpty();
        assertThat(Envelope.peekSender(body)).contains("BRK001");
    }

    @Test
    void acceptsIdsAtTheirLimits() {
        String sender = "S".repeat(WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        String id = "m".repeat(WireLimits.MAX_ID_LENGTH);

        assertThat(Envelope.peek("{\"senderId\":\"" + sender + "\",\"messageId\":\"" + id + "\"}"))
                .contains(new Envelope(sender, id));
    }

    @Test
    void namesNoSenderLongerThan32CharactersOrOutsideTheIdCharacters() {
        String tooLong = "{\"senderId\":\"" + "S".repeat(33) + "\",\"messageId\":\"m1\"}";
        String withBar = "{\"senderId\":\"BRK|001\",\"messageId\":\"m1\"}";

        assertThat(Envelope.peek(tooLong)).isEmpty();
        assertThat(Envelope.peekSender(tooLong)).isEmpty();
        assertThat(Envelope.peek(withBar)).isEmpty();
        assertThat(Envelope.peekSender(withBar)).isEmpty();
    }

    @Test
    void isEmptyForDuplicateKeysTrailingContentAndNonObjects() {
        assertThat(Envelope.peek("{\"senderId\":\"A\",\"messageId\":\"m\",\"senderId\":\"B\"}"))
                .isEmpty();
        assertThat(Envelope.peek("{\"senderId\":\"A\",\"messageId\":\"m\"} {}")).isEmpty();
        assertThat(Envelope.peek("{\"senderId\":\"A\",\"messageId\":\"m\"")).isEmpty();
        assertThat(Envelope.peekSender("[\"senderId\"]")).isEmpty();
        assertThat(Envelope.peekSender(null)).isEmpty();
    }

    @Test
    void readsOnlyTopLevelFields() {
        String body = "{\"x\":{\"senderId\":\"A\",\"messageId\":\"m\"},\"senderId\":\"B\",\"messageId\":\"n\"}";

        assertThat(Envelope.peek(body)).contains(new Envelope("B", "n"));
    }
}
