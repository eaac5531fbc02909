package io.tradewind.platform.app;

import io.tradewind.model.topology.App;
import io.tradewind.platform.pipeline.PeerBroker;

/**
 * What one matching app brings to the template: who it is, where its peer's broker is, and its stages. Everything
 * else (clients, gates, gateways, sent-log, quarantine) the template builds alike for every app.
 *
 * @param app the app, which names its streams, tables, queues and routing controls
 * @param peerBroker the other app's broker, where this app's outbound gateway sends that app's messages
 * @param stages adds the app's inbound gateways and stages; the template adds only those this process runs
 */
public record MatchingApp(App app, PeerBroker peerBroker, Stages stages) {

    /** An app's own parts. */
    @FunctionalInterface
    public interface Stages {
        void addTo(AppAssembly assembly);
    }
}
