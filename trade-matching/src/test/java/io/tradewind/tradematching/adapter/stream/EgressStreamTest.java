package io.tradewind.tradematching.adapter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.tradematching.domain.TradeId;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeUnmatched;
import io.tradewind.tradematching.domain.TradeRef;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.flow.TradeEvents;
import org.junit.jupiter.api.Test;

class EgressStreamTest {
    @Test
    void anEventTravelsAsItsTradeEventUnderTheTradesId() {
        TradeUnmatched event =
                new TradeUnmatched(new TradeRef(new TradeId("BRK001|T1"), new ParticipantId("BRK001"), "T1"), "N-1", 1);

        OutboundRecord record = EgressStream.record(event);

        assertThat(record.partitionKey()).isEqualTo("BRK001|T1");
        assertThat(FlowJson.decode(record.data(), TradeEvent.class)).isEqualTo(TradeEvents.of(event));
    }
}
