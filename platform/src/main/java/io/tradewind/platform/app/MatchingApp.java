package io.tradewind.platform.app;

import io.tradewind.model.topology.App;
import io.tradewind.platform.pipeline.PeerBroker;

/**
 * What one matching app brings to the template: who it is, where its peer's broker is, and its stages. Everything
 * else (clients, gates, gateways, sent-log, quarantine) the template builds alike for every app.
 */
public interface MatchingApp {
    /** The app, which names its streams, tables, queues and routing controls. */
    App app();

    /** The other app's broker, where this app's outbound gateway sends that app's messages. */
    PeerBroker peerBroker();

    /** Adds the app's inbound gateways and stages; the template adds only those this process runs. */
    void addStages(AppAssembly assembly);
}
