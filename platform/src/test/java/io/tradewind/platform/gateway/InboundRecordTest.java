package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.StatusReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundRecordTest {
    private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void aRecordWithoutAVerdictIsTheSameJsonAsBeforeVerdictsExisted() {
        String json = new String(new InboundRecord("BRK001|M1", "ID:1", AT, "{}", 2).encode(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("verdict");
    }

    @Test
    void readsARecordWrittenBeforeVerdictsExistedAsOneWithoutAVerdict() {
        String old =
                "{\"journalKey\":\"BRK001|M1\",\"brokerMessageId\":\"ID:1\",\"receivedAt\":\"2026-11-23T09:00:00Z\","
                        + "\"body\":\"{}\",\"originalBytes\":2,\"source\":null}";

        InboundRecord record = InboundRecord.decode(old.getBytes(StandardCharsets.UTF_8));

        assertThat(record).isEqualTo(new InboundRecord("BRK001|M1", "ID:1", AT, "{}", 2));
        assertThat(record.verdict()).isNull();
        assertThat(record.verdictDetail()).isNull();
    }

    @Test
    void carriesTheGatewaysVerdictUnderItsOwnFieldNames() {
        InboundRecord record = new InboundRecord("BRK001|M1", "ID:1", AT, "{}", 2)
                .withVerdict(InboundRecord.DUPLICATE_ID_CONFLICT, "first delivered as ID:0");

        String json = new String(record.encode(), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"verdict\":\"DUPLICATE_ID_CONFLICT\"")
                .contains("\"verdictDetail\":\"first delivered as ID:0\"");
        assertThat(InboundRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void aConflictingIdFaultsTheMessageIdAndAnyOtherVerdictTheBody() {
        InboundRecord record = new InboundRecord("BRK001|M1", "ID:1", AT, "{}", 2);

        assertThat(record.hasVerdict()).isFalse();
        assertThat(record.withVerdict(InboundRecord.DUPLICATE_ID_CONFLICT, "first delivered as ID:0")
                        .verdictReason())
                .isEqualTo(new StatusReason("messageId", "DUPLICATE_ID_CONFLICT", "first delivered as ID:0", null));
        assertThat(record.withVerdict(InboundRecord.NOT_UTF8, "byte 0xC3 at 12").verdictReason())
                .isEqualTo(new StatusReason("body", "NOT_UTF8", "byte 0xC3 at 12", null));
        assertThat(record.withVerdict(InboundRecord.QUARANTINED, "postgres refused: 22001")
                        .verdictReason())
                .isEqualTo(new StatusReason("body", "QUARANTINED", "postgres refused: 22001", null));
    }
}
