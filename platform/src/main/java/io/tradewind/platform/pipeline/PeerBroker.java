package io.tradewind.platform.pipeline;

import java.net.URI;
import java.util.Map;

/**
 * Another app's broker, where this app's outbound gateway sends that app's messages, as configured: its broker in each
 * region (followed to the region whose {@code <app>-inbound-<region>} routing control is On), else one fixed broker,
 * else neither (this app's own broker holds both apps' queues).
 *
 * @param app the app that owns the broker, e.g. {@code settlement-matching}
 * @param brokerUrl its fixed broker, or null
 * @param regionBrokers its broker in each region, by region name; empty for a fixed broker
 */
public record PeerBroker(String app, URI brokerUrl, Map<String, URI> regionBrokers) {

    public PeerBroker {
        if (app == null || app.isBlank()) throw new IllegalArgumentException("app is blank");
        regionBrokers = regionBrokers == null ? Map.of() : Map.copyOf(regionBrokers);
    }
}
