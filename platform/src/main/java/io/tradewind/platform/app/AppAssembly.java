package io.tradewind.platform.app;

import io.tradewind.model.topology.App;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import jakarta.jms.ConnectionFactory;
import java.util.function.Function;

/**
 * How an app adds its parts to the template. Each part is added only if this process runs its stage; stages get typed
 * ports onto the streams they publish to, never a stream itself.
 */
public final class AppAssembly {
    private final App app;
    private final StagePipeline pipeline;
    private final ConnectionFactory broker;
    private final SenderAuthorization senders;

    AppAssembly(App app, StagePipeline pipeline, ConnectionFactory broker, SenderAuthorization senders) {
        this.app = app;
        this.pipeline = pipeline;
        this.broker = broker;
        this.senders = senders;
    }

    /** Who may send what, by the participant registry: the first stage's check of each input's authenticated sender. */
    public SenderAuthorization senders() {
        return senders;
    }

    /** Builds what answers through ingestion's ports: the stage itself, or a component beside it. */
    @FunctionalInterface
    public interface WithIngestionPorts<C, T> {
        T create(IngestionPorts<C> ports);
    }

    /**
     * A gateway that journals what arrives on {@code queue} (of this app's broker) and forwards it to ingestion, keyed
     * by {@code keys}. The app's own inbound queue's gateway is the app's {@code inbound-gateway}; another queue's is
     * named after the queue's last word, e.g. {@code trade-matching-confirmations-gateway}.
     */
    public void addInboundGateway(String queue, InboundKeys keys) {
        if (!pipeline.runs(StageName.INBOUND_GATEWAY)) return;
        String name = queue.equals(app.inboundQueue())
                ? pipeline.componentName(StageName.INBOUND_GATEWAY)
                : app.id() + "-" + queue.substring(queue.lastIndexOf('.') + 1) + "-gateway";
        pipeline.addInboundGateway(name, queue, broker, keys);
    }

    /** Ingestion, publishing commands of type {@code C} to matching and answers to the outbound gateway. */
    public <C> void addIngestion(WithIngestionPorts<C, Stage<InboundRecord>> ingestion) {
        pipeline.addIngestion((toMatching, toOutbound, metrics) -> ingestion.create(
                new IngestionPorts<>(FlowJson.publisherOnto(toMatching), FlowJson.publisherOnto(toOutbound), metrics)));
    }

    /**
     * A component that works for ingestion without consuming its stream (a sweep over what it holds), behind the
     * processing control, with ingestion's ports and meters.
     */
    public <C> void addBesideIngestion(WithIngestionPorts<C, GatedComponent> component) {
        if (!pipeline.runs(StageName.INGESTION)) return;
        StageMetrics metrics = pipeline.metricsOf(StageName.INGESTION);
        pipeline.addBehindProcessingControl(component.create(new IngestionPorts<>(
                FlowJson.publisherOnto(pipeline.publisherInto(StageName.MATCHING, metrics)),
                FlowJson.publisherOnto(pipeline.publisherInto(StageName.OUTBOUND_GATEWAY, metrics)),
                metrics)));
    }

    /**
     * Matching, consuming {@code commands}; the app's own adapter turns egress' stream into the port its events are
     * published through.
     */
    public <C> void addMatching(Class<C> commands, Function<KinesisPublisher, Stage<C>> matching) {
        pipeline.addMatching(commands, matching);
    }

    /** Egress, consuming {@code events} and handing finished messages to the outbound gateway. */
    public <E> void addEgress(Class<E> events, Function<Publisher<Ordered<OutboundEnvelope>>, Stage<E>> egress) {
        pipeline.addEgress(events, toOutbound -> egress.apply(FlowJson.publisherOnto(toOutbound)));
    }
}
