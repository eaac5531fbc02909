package io.tradewind.platform.app;

import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;

/**
 * What ingestion (and anything working beside it) answers through: commands to matching, REJECTED reports and other
 * finished messages to the outbound gateway, and the stage's meters.
 *
 * @param <C> the app's command to matching
 */
public record IngestionPorts<C>(
        Publisher<Ordered<C>> toMatching, Publisher<Ordered<OutboundEnvelope>> toOutbound, StageMetrics metrics) {}
