package io.tradewind.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.quarantine.InMemoryQuarantine;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** Where a pipeline sends to another app: that app's active region, its fixed broker, or the pipeline's own broker. */
class StagePipelineTest {
    private static final String PANEL = "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind";
    private static final Map<String, URI> REGION_BROKERS = Map.of(
            "us-east-1", URI.create("tcp://east.example:61616"), "us-west-2", URI.create("tcp://west.example:61616"));

    private static final URI UNUSED = URI.create("http://127.0.0.1:9");

    private final List<String> controlsRead = new ArrayList<>();
    private final StagePipeline pipeline = pipeline();
    private final ConnectionFactory ownBroker = new ActiveMQConnectionFactory("tcp://own.example:61616");

    private StagePipeline pipeline() {
        PlatformProperties platform = new PlatformProperties(
                "us-east-1",
                null,
                new PlatformProperties.Mq(
                        URI.create("tcp://own.example:61616"), "trade-matching", "its-password-1", null),
                new PlatformProperties.Arc(List.of(URI.create("http://127.0.0.1:9")), PANEL, null),
                false);
        return new StagePipeline(
                        App.TRADE_MATCHING,
                        platform,
                        PipelineSettings.defaults(),
                        new AwsClientFactory(AwsSettings.local("us-east-1", UNUSED, UNUSED)),
                        null,
                        null,
                        Clock.systemUTC(),
                        new SimpleMeterRegistry())
                .withRoutingControlReader(arn -> {
                    synchronized (controlsRead) {
                        controlsRead.add(arn);
                    }
                    return arn.endsWith("/routingcontrol/settlement-matching-inbound-us-west-2");
                });
    }

    @Test
    void followsTheOtherAppsInboundControlsWhenItsRegionBrokersAreSet() throws JMSException {
        ConnectionFactory broker =
                pipeline.brokerOf(new PeerBroker("settlement-matching", null, REGION_BROKERS), ownBroker);

        assertThat(broker).isInstanceOf(ActiveRegionConnectionFactory.class);
        assertThat(((ActiveRegionConnectionFactory) broker).activeRegion()).contains("us-west-2");
        synchronized (controlsRead) {
            assertThat(controlsRead)
                    .contains(
                            PANEL + "/routingcontrol/settlement-matching-inbound-us-east-1",
                            PANEL + "/routingcontrol/settlement-matching-inbound-us-west-2");
        }

        pipeline.close();
        assertThatThrownBy(broker::createConnection)
                .as("the pipeline stopped following when it closed")
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void sendsToTheFixedBrokerWhenNoRegionBrokersAreSet() {
        ConnectionFactory broker = pipeline.brokerOf(
                new PeerBroker("settlement-matching", URI.create("tcp://settlement.example:61616"), Map.of()),
                ownBroker);

        assertThat(broker).isInstanceOf(ActiveMQConnectionFactory.class);
        assertThat(((ActiveMQConnectionFactory) broker).getBrokerURL()).startsWith("tcp://settlement.example:61616?");
        // The service logs in to its peer's broker as itself: every broker has every service's user.
        assertThat(((ActiveMQConnectionFactory) broker).getUserName()).isEqualTo("trade-matching");
        assertThat(((ActiveMQConnectionFactory) broker).getPassword()).isEqualTo("its-password-1");
    }

    @Test
    void sendsToItsOwnBrokerWhenTheOtherAppsBrokerIsNotConfigured() {
        assertThat(pipeline.brokerOf(new PeerBroker("settlement-matching", null, Map.of()), ownBroker))
                .isSameAs(ownBroker);
    }

    @Test
    void wiresEveryStageOfEachAppWithinItsDeploymentFootprint() {
        for (App app : App.values()) {
            StagePipeline full = pipelineOf(app);
            for (String queue : app.inboundQueues())
                full.addInboundGateway(queue + "-gateway", queue, ownBroker, InboundKeys.bySender(body -> body));
            full.addIngestion((toMatching, toOutbound, metrics) -> batch -> {});
            full.addMatching(String.class, toEgress -> batch -> {});
            full.addEgress(String.class, toOutbound -> batch -> {});
            full.addOutboundGateway(Map.of(app.id(), ownBroker));
            full.close();
        }
    }

    @Test
    void refusesToWireAStageToWhatItsFootprintDoesNotList() {
        StagePipeline tradeMatching = pipelineOf(App.TRADE_MATCHING);

        // Settlement matching's queue: trade matching's task role and broker user may not read it.
        assertThatThrownBy(() -> tradeMatching.addInboundGateway(
                        "wrong-gateway", Queues.SETTLEMENTS_INBOUND, ownBroker, InboundKeys.bySender(body -> body)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trade-matching-inbound-gateway consumes queue settlements.inbound, which its footprint"
                        + " (io.tradewind.model.topology.Deployment) does not list: its task role on AWS would refuse"
                        + " it");
        tradeMatching.close();
    }

    private StagePipeline pipelineOf(App app) {
        PlatformProperties platform = new PlatformProperties(
                "us-east-1",
                null,
                new PlatformProperties.Mq(URI.create("tcp://own.example:61616"), null, null, null),
                new PlatformProperties.Arc(List.of(URI.create("http://127.0.0.1:9")), PANEL, null),
                false);
        return new StagePipeline(
                        app,
                        platform,
                        PipelineSettings.defaults(),
                        new AwsClientFactory(AwsSettings.local("us-east-1", UNUSED, UNUSED)),
                        null,
                        null,
                        Clock.systemUTC(),
                        new SimpleMeterRegistry())
                .withQuarantine(new InMemoryQuarantine())
                .withRoutingControlReader(arn -> false);
    }
}
