package io.tradewind.model.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one ECS service (or a task the runbook runs) of one region touches, and so all its task role may touch: the
 * Kinesis streams it reads and writes, the DynamoDB tables, the MQ queues, the routing controls and the secrets, and
 * the environment its task passes. {@link Deployment} builds every one from the topology's names; the stages check
 * their wiring against it and the deployment's tests check the Terraform against it.
 *
 * @param service the ECS service and task family, e.g. {@code trade-matching-ingestion}
 * @param stage the stage it runs ({@link Stages}), or null outside the matching apps
 * @param tablesRead the DynamoDB tables it reads items of
 * @param tablesWritten the DynamoDB tables it writes items to
 * @param ensuredTables tables it creates when they are missing, so it may call CreateTable on them: KCL's lease,
 *     coordinator and worker-metrics tables of the stream it consumes, and the runbook's audit
 * @param queues the MQ queues it reads or writes, by name or ActiveMQ wildcard (the brokers' users enforce them)
 * @param secrets the secrets its own code reads (the {@code aws} profile's imports: the task role's)
 * @param environment the plain variables its task passes
 * @param secretEnvironment the variables ECS fills from a secret's key before the container starts (the execution
 *     role's)
 * @param publishesMetrics whether it sends its meters to CloudWatch
 * @param operator whether it is the operator: switches the databases over, changes routing controls and broker users
 */
public record StageFootprint(
        String service,
        Deployable deployable,
        String stage,
        List<String> streamsRead,
        List<String> streamsWritten,
        List<String> tablesRead,
        List<String> tablesWritten,
        List<String> ensuredTables,
        List<String> queues,
        List<String> routingControls,
        List<String> secrets,
        List<String> environment,
        Map<String, SecretKey> secretEnvironment,
        boolean publishesMetrics,
        boolean operator) {

    /** One key of a secret's JSON, e.g. the {@code password} of {@code tradewind/actuator}. */
    public record SecretKey(String secret, String key) {}

    public StageFootprint {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service is blank");
        streamsRead = List.copyOf(streamsRead);
        streamsWritten = List.copyOf(streamsWritten);
        tablesRead = List.copyOf(tablesRead);
        tablesWritten = List.copyOf(tablesWritten);
        ensuredTables = List.copyOf(ensuredTables);
        queues = List.copyOf(queues);
        routingControls = List.copyOf(routingControls);
        secrets = List.copyOf(secrets);
        environment = List.copyOf(environment);
        secretEnvironment = Collections.unmodifiableMap(new TreeMap<>(secretEnvironment));
        for (String variable : environment)
            if (secretEnvironment.containsKey(variable))
                throw new IllegalArgumentException(
                        service + ": " + variable + " is both a plain variable and one filled from a secret");
    }

    /**
     * The CloudWatch namespaces it publishes to, and so all its role's {@code PutMetricData} allows: Tradewind's meters
     * under {@link Deployment#METRICS_NAMESPACE}, and a stream consumer's KCL reports of itself under KCL's application
     * name, which is the service's (its lease table's, {@link Deployment#kclTables}).
     */
    public List<String> metricNamespaces() {
        if (!publishesMetrics) return List.of();
        if (streamsRead.isEmpty()) return List.of(Deployment.METRICS_NAMESPACE);
        return List.of(Deployment.METRICS_NAMESPACE, service);
    }

    /** Every variable the task passes, plain or from a secret. */
    public List<String> allVariables() {
        List<String> all = new ArrayList<>(environment);
        all.addAll(secretEnvironment.keySet());
        return List.copyOf(all);
    }

    /** Whether this is the footprint of {@code app}'s {@code stage}. */
    public boolean isStage(App app, String stage) {
        return stage.equals(this.stage) && deployable.app().filter(app::equals).isPresent();
    }
}
