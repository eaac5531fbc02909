package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class OutboundRecordTest {

    @Test
    void keepsAPartitionKeyWithinKinesisLimit() {
        String key = "k".repeat(256);
        assertThat(OutboundRecord.ofUtf8(key, "{}").partitionKey()).isEqualTo(key);
    }

    @Test
    void replacesAnOverlongPartitionKeyByAStableDigestInsteadOfFailing() {
        String tooLong = "x".repeat(300);
        String digest = OutboundRecord.ofUtf8(tooLong, "{}").partitionKey();
        assertThat(digest).startsWith("H|").hasSizeLessThanOrEqualTo(OutboundRecord.MAX_PARTITION_KEY_LENGTH);
        assertThat(OutboundRecord.ofUtf8(tooLong, "[]").partitionKey()).isEqualTo(digest);
        assertThat(OutboundRecord.ofUtf8("y".repeat(300), "{}").partitionKey()).isNotEqualTo(digest);
    }

    @Test
    void refusesAnEmptyPartitionKeyAndDataOverOneMebibyte() {
        assertThatIllegalArgumentException().isThrownBy(() -> OutboundRecord.ofUtf8("", "{}"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OutboundRecord.ofUtf8("k", "x".repeat(OutboundRecord.MAX_RECORD_BYTES)))
                .withMessageContaining("1 MiB");
    }
}
