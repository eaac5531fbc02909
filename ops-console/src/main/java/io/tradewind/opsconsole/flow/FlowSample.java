package io.tradewind.opsconsole.flow;

import io.tradewind.model.participant.Participant;
import io.tradewind.opsconsole.runbook.RotationExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the console shows, as the sampler last read it: the API answers from it at once, whatever answers slowly
 * or not at all. A source that did not answer keeps its last value, with when it stopped answering.
 *
 * @param services per app and region (apps in order, then regions), each with its stages
 * @param controls every routing control as last read, by name: On or Off
 * @param controlsReadAt when the routing controls were last read; null before the first read
 * @param databases per app, its global database's writer region and replication lag
 * @param queueDepths per region, per inbound queue, the messages waiting
 * @param unavailable per source that failed its last read ({@code routing-controls}, {@code queues@us-east-1}, ...),
 *     why
 */
public record FlowSample(
        Instant sampledAt,
        List<AppRegion> services,
        Map<String, Boolean> controls,
        Instant controlsReadAt,
        Map<String, Database> databases,
        Map<String, Map<String, Long>> queueDepths,
        List<Participant> participants,
        List<ReconciliationHistory.Run> reconciliations,
        List<RotationExecution> executions,
        List<Alert> alerts,
        Map<String, String> unavailable) {

    public FlowSample {
        services = List.copyOf(services);
        controls = Map.copyOf(controls);
        databases = Map.copyOf(databases);
        queueDepths = Map.copyOf(queueDepths);
        participants = List.copyOf(participants);
        reconciliations = List.copyOf(reconciliations);
        executions = List.copyOf(executions);
        alerts = List.copyOf(alerts);
        unavailable = Map.copyOf(unavailable);
    }

    /** The services of one app in one region, as last read; {@code stages} empty before their first answer. */
    public AppRegion service(String app, String region) {
        return services.stream()
                .filter(s -> s.app().equals(app) && s.region().equals(region))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown app " + app + " or region " + region));
    }

    /**
     * One app's services in one region.
     *
     * @param reachable whether they answered the last read in time
     * @param readAt when they last answered; null if never
     * @param unreachableSince when they stopped answering; null while they answer
     * @param error why the last read failed; null while they answer
     */
    public record AppRegion(
            String app,
            String region,
            boolean reachable,
            Instant readAt,
            Instant unreachableSince,
            String error,
            boolean inboundOpen,
            boolean processingOpen,
            long tableLagMillis,
            long databaseLagMillis,
            long quarantined,
            List<StageFlow> stages) {
        public AppRegion {
            stages = List.copyOf(stages);
        }
    }

    /**
     * One stage's flow: the rate of records it took in over the last interval, its lag, errors and breaker, and the
     * last minutes of rate and lag for the chart (oldest first).
     */
    public record StageFlow(
            String stage,
            double recordsPerSecond,
            long recordsIn,
            long lagMillis,
            long rejected,
            long failedAttempts,
            boolean breakerOpen,
            List<Point> history) {
        public StageFlow {
            history = List.copyOf(history);
        }
    }

    /** One point of a stage's chart. */
    public record Point(Instant at, double recordsPerSecond, long lagMillis) {}

    /** An app's global database: where it is written and how far its replica is behind. */
    public record Database(String app, String writer, long lagMillis, Instant readAt) {}

    /** Something an SRE should look at; {@code app}, {@code region} and {@code stage} are null where not one. */
    public record Alert(Kind kind, String app, String region, String stage, String text) {
        public enum Kind {
            STAGE_LAG,
            BREAKER_OPEN,
            REPLICATION_LAG,
            QUARANTINED,
            UNREACHABLE,
            SOURCE_UNAVAILABLE
        }
    }
}
