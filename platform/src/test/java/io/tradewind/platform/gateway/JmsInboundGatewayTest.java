package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JmsInboundGatewayTest {

    @Test
    void findsRawControlCharactersButNotJsonWhitespace() {
        assertThat(JmsInboundGateway.firstControlCharacter("{\"a\":\t\"b\"}\r\n"))
                .isEqualTo(-1);
        assertThat(JmsInboundGateway.firstControlCharacter("{\"a\":\"b\u0000\"}"))
                .isEqualTo(7);
        assertThat(JmsInboundGateway.firstControlCharacter("\u0001".repeat(3))).isZero();
        assertThat(JmsInboundGateway.firstControlCharacter("ok\u007f")).isEqualTo(2);
    }

    @Test
    void keysOnlyWithIdsThatFitTheJournal() {
        assertThat(JmsInboundGateway.fitsKeyPart("BRK001-0000001")).isTrue();
        assertThat(JmsInboundGateway.fitsKeyPart("x".repeat(3_000))).isFalse();
        assertThat(JmsInboundGateway.fitsKeyPart("BRK\u0000001")).isFalse();
        assertThat(JmsInboundGateway.fitsKeyPart("a|b")).isFalse();
        assertThat(JmsInboundGateway.fitsKeyPart("lone\uD800")).isFalse();
    }

    @Test
    void journalsAReusedMessageIdUnderItsOwnKeyPerContent() {
        JournalEntry first = entry("{\"v\":1}");
        JournalEntry conflict = JmsInboundGateway.conflictOf(first, "first received earlier");
        assertThat(conflict.journalKey()).startsWith("BRK001|M1" + JmsInboundGateway.CONFLICT_KEY_MARK);
        assertThat(conflict.verdict()).isEqualTo(InboundRecord.DUPLICATE_ID_CONFLICT);
        assertThat(JmsInboundGateway.conflictOf(entry("{\"v\":1}"), "x").journalKey())
                .isEqualTo(conflict.journalKey());
        assertThat(JmsInboundGateway.conflictOf(entry("{\"v\":2}"), "x").journalKey())
                .isNotEqualTo(conflict.journalKey());
    }

    @Test
    void forwardsARejectedBodyAsAShortPrintableEcho() {
        JournalEntry hostile = entry("\u0001".repeat(200_000))
                .rekeyed("BRK001|M1", InboundRecord.FORBIDDEN_CHARACTER, "control character U+0001 at character 0");
        InboundRecord record = hostile.toInboundRecord();
        assertThat(record.body()).hasSize(InboundRecord.ECHO_CHARS + 1).matches("\uFFFD+…");
        assertThat(record.truncated()).isFalse();
        assertThat(record.verdict()).isEqualTo(InboundRecord.FORBIDDEN_CHARACTER);
        assertThat(record.encode().length).isLessThan(4_096);
    }

    private static JournalEntry entry(String body) {
        return new JournalEntry(
                "BRK001|M1",
                body,
                "BRK001|T1",
                "ID:1",
                Instant.parse("2026-12-06T10:00:00Z"),
                "trades.inbound",
                body.length());
    }

    @Test
    void takesTheSenderTheBrokerStampedAndNothingNoKeyCouldHold() throws Exception {
        org.apache.activemq.command.ActiveMQTextMessage stamped = new org.apache.activemq.command.ActiveMQTextMessage();
        stamped.setUserID("BRK001");
        assertThat(JmsInboundGateway.authenticatedSender(stamped)).isEqualTo("BRK001");

        assertThat(JmsInboundGateway.authenticatedSender(new org.apache.activemq.command.ActiveMQTextMessage()))
                .as("a broker that authenticates no one stamps nothing")
                .isNull();
        org.apache.activemq.command.ActiveMQTextMessage hostile = new org.apache.activemq.command.ActiveMQTextMessage();
        hostile.setUserID("BRK001|BRK002");
        assertThat(JmsInboundGateway.authenticatedSender(hostile)).isNull();

        org.apache.activemq.command.ActiveMQTextMessage claimed = new org.apache.activemq.command.ActiveMQTextMessage();
        claimed.setUserID("BRK002");
        claimed.setStringProperty(JmsInboundGateway.FORWARDED_FOR_PROPERTY, "BRK001");
        assertThat(JmsInboundGateway.authenticatedSender(claimed))
                .as("a participant's own claim to be another is not believed")
                .isEqualTo("BRK002");
        org.apache.activemq.command.ActiveMQTextMessage moved = new org.apache.activemq.command.ActiveMQTextMessage();
        moved.setUserID("ops-console");
        moved.setStringProperty(JmsInboundGateway.FORWARDED_FOR_PROPERTY, "BRK001");
        assertThat(JmsInboundGateway.authenticatedSender(moved))
                .as("a message the runbook moved is its first sender's")
                .isEqualTo("BRK001");
    }

    @Test
    void aJournalEntryKeepsItsAuthenticatedSenderThroughARekeyAndIntoTheRecord() {
        JournalEntry entry = entry("{\"v\":1}").sentBy("BRK002");
        JournalEntry conflict = JmsInboundGateway.conflictOf(entry, "first received earlier");
        assertThat(conflict.authenticatedSender()).isEqualTo("BRK002");
        assertThat(conflict.toInboundRecord().authenticatedSender()).isEqualTo("BRK002");
        assertThat(InboundRecord.decode(entry.toInboundRecord().encode()).authenticatedSender())
                .isEqualTo("BRK002");
        assertThat(new String(entry("{}").toInboundRecord().encode(), java.nio.charset.StandardCharsets.UTF_8))
                .as("a record without one is the JSON it was before identities")
                .doesNotContain("authenticatedSender");
    }
}
