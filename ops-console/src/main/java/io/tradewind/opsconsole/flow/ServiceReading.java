package io.tradewind.opsconsole.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an app's services in a region reported at one read.
 *
 * @param stages by stage ({@code ingestion}, ...), in the order a message passes them
 * @param inboundOpen whether the components behind the app's inbound routing control run there
 * @param processingOpen whether those behind its processing control run there
 * @param tableLagMillis the global tables' replication lag as the services see it; -1 when they publish none
 * @param databaseLagMillis the app's global database's replication lag; -1 when they publish none
 * @param quarantined inputs the app's stages took out of the flow since they started
 */
public record ServiceReading(
        Map<String, StageReading> stages,
        boolean inboundOpen,
        boolean processingOpen,
        long tableLagMillis,
        long databaseLagMillis,
        long quarantined) {

    public ServiceReading {
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /**
     * One stage's counters and gauges.
     *
     * @param recordsIn records taken in since the service started (a counter: the sampler turns it into a rate)
     * @param lagMillis behind its stream's tip; -1 before its first batch (and for the inbound gateway, which reads MQ)
     * @param rejected inputs answered REJECTED
     * @param failedAttempts attempts at a batch that a dependency failed
     * @param breakerOpen whether its last attempt was refused by an open circuit breaker
     */
    public record StageReading(
            long recordsIn, long lagMillis, long rejected, long failedAttempts, boolean breakerOpen) {}
}
