package io.tradewind.settlementmatching.stage.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionUnmatched;
import io.tradewind.settlementmatching.domain.InstructionId;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching publishes the book's events, in the book's order, only once the book has applied the batch. */
class MatchingStageTest {
    private static final SettlementCommand COMMAND = new SettlementCommand("M-1|1|DELIVER", "BRK001|TW-1", "TW-1");
    private static final InstructionEvent UNMATCHED =
            new InstructionUnmatched(new InstructionId("M-1|1|DELIVER"), new ParticipantId("BRK001"), "TW-1", 1);

    private final List<InstructionEvent> published = new ArrayList<>();

    @Test
    void publishesWhatTheBookDecided() {
        List<List<SettlementCommand>> applied = new ArrayList<>();
        MatchingStage stage = new MatchingStage(
                commands -> {
                    applied.add(commands);
                    return List.of(UNMATCHED);
                },
                published::addAll);

        stage.process(List.of(COMMAND));

        assertThat(applied).containsExactly(List.of(COMMAND));
        assertThat(published).containsExactly(UNMATCHED);
    }

    @Test
    void publishesNothingWhenTheBookFails() {
        MatchingStage stage = new MatchingStage(
                commands -> {
                    throw new IllegalStateException("postgres unavailable");
                },
                published::addAll);

        assertThatThrownBy(() -> stage.process(List.of(COMMAND))).hasMessageContaining("postgres");
        assertThat(published).isEmpty();
    }
}
