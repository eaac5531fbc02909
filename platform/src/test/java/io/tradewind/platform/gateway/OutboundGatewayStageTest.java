package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.model.topology.App;
import io.tradewind.platform.metrics.StageMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Wire contract v2: a status report goes to its recipient's private queue on its app's broker, and the queue is the
 * whole address (no JMS property names the recipient).
 */
class OutboundGatewayStageTest {
    private final FakeBroker tradeBroker = new FakeBroker();
    private final FakeBroker settlementBroker = new FakeBroker();
    private final OnceOnlyJmsSender toTrades = new OnceOnlyJmsSender(tradeBroker, new RecordingSentLog());
    private final OnceOnlyJmsSender toSettlements = new OnceOnlyJmsSender(settlementBroker, new RecordingSentLog());
    private final OutboundGatewayStage gateway = new OutboundGatewayStage(
            Map.of(App.TRADE_MATCHING.id(), toTrades, App.SETTLEMENT_MATCHING.id(), toSettlements),
            new StageMetrics(new SimpleMeterRegistry(), "test-outbound-gateway"));

    @AfterEach
    void close() {
        toTrades.close();
        toSettlements.close();
    }

    @Test
    void sendsEachStatusReportToItsRecipientsPrivateQueueOnItsAppsBroker() {
        gateway.process(List.of(
                OutboundEnvelope.statusReport(App.TRADE_MATCHING, "BRK001", "TS-1", "{}"),
                OutboundEnvelope.statusReport(App.TRADE_MATCHING, "IM042", "TS-2", "{}"),
                OutboundEnvelope.statusReport(App.SETTLEMENT_MATCHING, "IM042-ACC-07", "SS-1", "{}")));

        assertThat(tradeBroker.delivered())
                .extracting(FakeBroker.Delivery::messageId, FakeBroker.Delivery::queue)
                .containsExactly(tuple("TS-1", "trades.status.BRK001"), tuple("TS-2", "trades.status.IM042"));
        assertThat(settlementBroker.delivered())
                .extracting(FakeBroker.Delivery::messageId, FakeBroker.Delivery::queue)
                .containsExactly(tuple("SS-1", "settlements.status.IM042-ACC-07"));
    }

    @Test
    void namesNoRecipientInAJmsPropertyOnlyTheMessageIdAndTheContentTypeStompSubscribersSee() {
        gateway.process(List.of(OutboundEnvelope.statusReport(App.TRADE_MATCHING, "BRK001", "TS-1", "{}")));

        assertThat(tradeBroker.delivered()).singleElement().satisfies(delivery -> assertThat(delivery.properties())
                .containsOnly(
                        Map.entry(OnceOnlyJmsSender.MESSAGE_ID_PROPERTY, "TS-1"),
                        Map.entry("content-type", "application/json;charset=utf-8")));
    }

    @Test
    void refusesToAddressAReportToAnIdActiveMqWouldReadAsSeveralQueues() {
        assertThatThrownBy(() ->
                        OutboundEnvelope.statusReport(App.TRADE_MATCHING, "BRK001,trades.status.IM042", "TS-1", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participantId of a private status queue");
    }
}
