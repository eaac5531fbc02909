package io.tradewind.model.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusReasonTest {

    private static List<Rejection> unknownFields(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Rejection("f" + i, RejectionCode.UNKNOWN_FIELD, "unknown field"))
                .toList();
    }

    @Test
    void listsEveryRejectionUpToTheLimit() {
        List<StatusReason> reasons = StatusReason.ofAll(unknownFields(StatusReason.MAX_REJECTION_REASONS));
        assertThat(reasons).hasSize(StatusReason.MAX_REJECTION_REASONS);
        assertThat(reasons.get(0)).isEqualTo(new StatusReason("f0", "UNKNOWN_FIELD", "unknown field", null));
    }

    @Test
    void summarisesWhatIsBeyondTheLimitSoAReportAlwaysFitsOneMessage() {
        List<StatusReason> reasons = StatusReason.ofAll(unknownFields(26_000));
        assertThat(reasons).hasSize(StatusReason.MAX_REJECTION_REASONS);
        assertThat(reasons.get(98).field()).isEqualTo("f98");
        assertThat(reasons.get(99))
                .isEqualTo(new StatusReason("body", "TOO_MANY_PROBLEMS", "25901 more problems not listed", null));
    }

    @Test
    void givesARejectionsDetailAsOursAndItsLimitAsTheirs() {
        Rejection rejection =
                new Rejection("messageId", RejectionCode.TOO_LONG, "65 characters", "64 characters at most");

        assertThat(StatusReason.of(rejection))
                .isEqualTo(new StatusReason("messageId", "TOO_LONG", "65 characters", "64 characters at most"));
    }
}
