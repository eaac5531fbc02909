package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JmsInboundGatewayTest {

    @Test
    void keepsBodiesThatFitTheJournalWhole() {
        String body = "x".repeat(JmsInboundGateway.MAX_JOURNALED_BODY_BYTES);
        assertThat(JmsInboundGateway.truncate(body)).isSameAs(body);
    }

    @Test
    void truncatesLargerBodiesWithoutSplittingACharacter() {
        // "é" is two bytes in UTF-8: the limit falls in the middle of one.
        String body = "a" + "é".repeat(JmsInboundGateway.MAX_JOURNALED_BODY_BYTES);
        String cut = JmsInboundGateway.truncate(body);
        assertThat(cut.getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThanOrEqualTo(JmsInboundGateway.MAX_JOURNALED_BODY_BYTES);
        assertThat(cut).doesNotContain("\uFFFD");
        assertThat(body).startsWith(cut);
    }

    @Test
    void inboundRecordRemembersThatItsBodyWasTruncated() {
        InboundRecord record = new InboundRecord("S|m1", "ID:1", Instant.EPOCH, "abc", 500_000);
        assertThat(record.truncated()).isTrue();
        assertThat(InboundRecord.decode(record.encode())).isEqualTo(record);
        assertThat(new InboundRecord("S|m1", "ID:1", Instant.EPOCH, "abc", 3).truncated())
                .isFalse();
    }
}
