package io.tradewind.model.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tradewind on AWS, as its Terraform declares it: the regions, and per region every ECS service and runbook task with
 * its {@link StageFootprint}. Everything here is built from the topology's names ({@link App}, {@link Stages},
 * {@link AppTable}, {@link Tables}, {@link Queues}, {@link RoutingControls}), never spelled again.
 */
public final class Deployment {
    /** Where the apps run first, and Aurora's writer at the start. */
    public static final String PRIMARY_REGION = "us-east-1";
    /** The standby: the same services, idle behind their routing controls. */
    public static final String SECONDARY_REGION = "us-west-2";
    /** Both regions Tradewind runs in, primary first. */
    public static final List<String> REGIONS = List.of(PRIMARY_REGION, SECONDARY_REGION);
    /**
     * The send ledgers' third region. DynamoDB's multi-Region strong consistency needs three regions of one region
     * set; us-east-2 is the US set's third, and as a witness it keeps a copy of the writes for the quorum but serves
     * nothing, so Tradewind runs nothing there.
     */
    public static final String WITNESS_REGION = "us-east-2";
    /** The CloudWatch namespace the services' meters are published under. */
    public static final String METRICS_NAMESPACE = "Tradewind";
    /** What KCL appends to its application's name for the table of its coordinator's state (KCL 3). */
    public static final String KCL_COORDINATOR_STATE_SUFFIX = "-CoordinatorState";
    /** What KCL appends to its application's name for the table of its workers' metrics (KCL 3). */
    public static final String KCL_WORKER_METRICS_SUFFIX = "-WorkerMetricStats";

    private Deployment() {}

    /** Every service and runbook task of {@code region}: each app's five stages, then the tools. */
    public static List<StageFootprint> footprints(String region) {
        requireRegion(region);
        List<StageFootprint> all = new ArrayList<>();
        for (App app : App.values()) for (String stage : Stages.ALL) all.add(footprint(app, stage, region));
        all.add(generator());
        for (App app : App.values()) all.add(reconciliation(app));
        all.add(opsConsole());
        return List.copyOf(all);
    }

    /** The footprint of {@code app}'s {@code stage} in {@code region}. */
    public static StageFootprint footprint(App app, String stage, String region) {
        requireRegion(region);
        if (!Stages.ALL.contains(stage))
            throw new IllegalArgumentException("stage '" + stage + "' is none of " + String.join(", ", Stages.ALL));
        Deployable deployable = Deployable.of(app);
        List<String> read = List.of();
        List<String> written = List.of();
        List<String> tablesRead = List.of();
        List<String> tablesWritten = List.of();
        List<String> queues = List.of();
        List<String> controls = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> environment = new ArrayList<>(List.of(
                TaskEnvironment.SPRING_PROFILES_ACTIVE,
                TaskEnvironment.SERVER_PORT,
                TaskEnvironment.REGION,
                TaskEnvironment.stages(app),
                // Every process names its broker (the settings require one) though only the gateways connect.
                TaskEnvironment.MQ_BROKER_URL,
                TaskEnvironment.DATABASE_SECRET_ID,
                TaskEnvironment.DATASOURCE_URL,
                TaskEnvironment.ARC_ENDPOINTS,
                TaskEnvironment.ARC_CONTROL_PANEL_ARN,
                TaskEnvironment.ARC_ROUTING_CONTROL_ARNS));
        // Every stage keeps its sent-log, quarantine or state in the app's database, and migrates it at start.
        secrets.add(Secrets.database(app));
        switch (stage) {
            case Stages.INBOUND_GATEWAY -> {
                written = List.of(app.streamInto(Stages.INGESTION));
                // A redelivered message's entry is read back; a new one is put, conditionally.
                tablesRead = List.of(app.journalTable());
                tablesWritten = List.of(app.journalTable());
                queues = app.inboundQueues();
                controls.add(app.inboundControl(region));
            }
            case Stages.INGESTION -> {
                read = List.of(app.streamInto(Stages.INGESTION));
                written = List.of(app.streamInto(Stages.MATCHING), app.streamInto(Stages.OUTBOUND_GATEWAY));
                // Who may send what: each input's authenticated sender is checked against the registry.
                tablesRead = List.of(Tables.PARTICIPANTS);
                controls.add(app.processingControl(region));
            }
            case Stages.MATCHING -> {
                read = List.of(app.streamInto(Stages.MATCHING));
                written = List.of(app.streamInto(Stages.EGRESS));
                controls.add(app.processingControl(region));
            }
            case Stages.EGRESS -> {
                read = List.of(app.streamInto(Stages.EGRESS));
                written = List.of(app.streamInto(Stages.OUTBOUND_GATEWAY));
                controls.add(app.processingControl(region));
            }
            default -> { // the outbound gateway
                read = List.of(app.streamInto(Stages.OUTBOUND_GATEWAY));
                // Every send is put first; a start of processing reads back what the sent-log lacks.
                tablesRead = List.of(app.sendLedgerTable());
                tablesWritten = List.of(app.sendLedgerTable());
                queues = sentQueues(app);
                controls.add(app.processingControl(region));
                // It sends the peer's messages to the region whose inbound control of the peer is On.
                for (String each : REGIONS)
                    controls.add(TaskEnvironment.peerOf(app).inboundControl(each));
                environment.add(TaskEnvironment.SPRING_APPLICATION_JSON);
            }
        }
        boolean gateway = stage.equals(Stages.INBOUND_GATEWAY) || stage.equals(Stages.OUTBOUND_GATEWAY);
        if (gateway) {
            secrets.add(0, Secrets.mq(deployable));
            environment.add(TaskEnvironment.MQ_SECRET_ID);
        }
        return new StageFootprint(
                app.component(stage),
                deployable,
                stage,
                read,
                written,
                tablesRead,
                tablesWritten,
                read.isEmpty() ? List.of() : kclTables(app.component(stage)),
                queues,
                controls,
                secrets,
                environment,
                actuatorLogin(),
                true,
                false);
    }

    /**
     * The generator of a region (desired count 0 until an operator starts it in one region): its command line posts
     * trades to trade matching's broker there while the global generator control is On.
     */
    private static StageFootprint generator() {
        return new StageFootprint(
                Deployable.TRADE_GENERATOR.id(),
                Deployable.TRADE_GENERATOR,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(Queues.TRADES_INBOUND),
                List.of(RoutingControls.GENERATOR),
                List.of(),
                List.of(),
                Map.of(),
                false,
                false);
    }

    /**
     * Reconciliation-replay for {@code app}, a task the runbook runs: it reads the app's journal and database, replays
     * into its ingestion stream and writes its audit. One task definition per app, since each app's database password
     * is a different secret.
     */
    private static StageFootprint reconciliation(App app) {
        return new StageFootprint(
                reconciliationTask(app),
                Deployable.RECONCILIATION_REPLAY,
                null,
                List.of(),
                List.of(app.streamInto(Stages.INGESTION)),
                List.of(app.journalTable()),
                List.of(app.reconciliationAuditTable()),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Map.of(
                        TaskEnvironment.DB_PASSWORD,
                        new StageFootprint.SecretKey(Secrets.database(app), Secrets.PASSWORD)),
                false,
                false);
    }

    /** The task family of reconciliation-replay for {@code app}, e.g. {@code reconciliation-replay-trade-matching}. */
    public static String reconciliationTask(App app) {
        return Deployable.RECONCILIATION_REPLAY.id() + "-" + app.id();
    }

    /**
     * The ops console, a service in each region (its HTTP API and dashboard) whose image also holds the command line:
     * the runbook moves both apps (routing controls, queues, databases, reconciliation in every app's tables and
     * streams) under the rotation lease and records each step in its audit, onboarding changes the participants and
     * their broker users, the quarantine replays into any stage's stream, and its users come from their secret.
     */
    private static StageFootprint opsConsole() {
        List<String> streams = new ArrayList<>();
        List<String> tablesRead = new ArrayList<>();
        List<String> tablesWritten = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> controls = new ArrayList<>();
        for (App app : App.values()) {
            for (String stage : Stages.STREAM_CONSUMERS) streams.add(app.streamInto(stage));
            tablesRead.add(app.journalTable());
            tablesRead.add(app.reconciliationAuditTable());
            tablesWritten.add(app.reconciliationAuditTable());
            queues.addAll(app.inboundQueues());
            secrets.add(Secrets.database(app));
            for (String region : REGIONS)
                for (String kind : RoutingControls.KINDS) controls.add(RoutingControls.name(app.id(), kind, region));
        }
        tablesRead.add(Tables.PARTICIPANTS);
        tablesWritten.add(Tables.PARTICIPANTS);
        controls.add(RoutingControls.GENERATOR);
        secrets.add(Secrets.CONSOLE_USERS);
        Map<String, StageFootprint.SecretKey> variables = new LinkedHashMap<>(actuatorLogin());
        variables.put(
                TaskEnvironment.MQ_PASSWORD,
                new StageFootprint.SecretKey(Secrets.mq(Deployable.OPS_CONSOLE), Secrets.PASSWORD));
        return new StageFootprint(
                Deployable.OPS_CONSOLE.id(),
                Deployable.OPS_CONSOLE,
                null,
                List.of(),
                streams,
                tablesRead,
                tablesWritten,
                // The audit and the lease, which the runbook creates when they are missing, as it does locally.
                List.of(Tables.ROTATION_AUDIT, Tables.ROTATION_LEASE),
                queues,
                controls,
                secrets,
                // The rest is in the runbook topology (terraform output runbook_topology), whole in one variable; the
                // proxy's settings, when an OIDC load balancer is in front, are JSON too.
                List.of(
                        TaskEnvironment.SPRING_PROFILES_ACTIVE,
                        TaskEnvironment.SERVER_PORT,
                        TaskEnvironment.REGION,
                        TaskEnvironment.CONSOLE_TOPOLOGY,
                        TaskEnvironment.CONSOLE_USERS_SECRET_ID,
                        TaskEnvironment.SPRING_APPLICATION_JSON),
                variables,
                false,
                true);
    }

    /** The queues {@code app}'s outbound gateway sends to: its reports to each participant, and its peer's input. */
    public static List<String> sentQueues(App app) {
        return List.of(
                app.everyStatusQueue(),
                app == App.TRADE_MATCHING ? Queues.SETTLEMENTS_INBOUND : Queues.SETTLEMENTS_CONFIRMATIONS);
    }

    /** KCL's tables for the consumer named {@code application}: leases, coordinator state, worker metrics. */
    public static List<String> kclTables(String application) {
        return List.of(
                application, application + KCL_COORDINATOR_STATE_SUFFIX, application + KCL_WORKER_METRICS_SUFFIX);
    }

    /** Every Kinesis stream of a region: one into each stage after the inbound gateway, per app. */
    public static List<String> streams() {
        List<String> streams = new ArrayList<>();
        for (App app : App.values()) for (String stage : Stages.STREAM_CONSUMERS) streams.add(app.streamInto(stage));
        return List.copyOf(streams);
    }

    /**
     * Every DynamoDB global table: each app's tables ({@link AppTable}), the participants, the runbook's audit and its
     * lease.
     */
    public static List<String> globalTables() {
        List<String> tables = new ArrayList<>();
        for (App app : App.values()) for (AppTable table : AppTable.values()) tables.add(table.of(app.id()));
        tables.add(Tables.PARTICIPANTS);
        tables.add(Tables.ROTATION_AUDIT);
        tables.add(Tables.ROTATION_LEASE);
        return List.copyOf(tables);
    }

    /**
     * The global tables with multi-Region strong consistency (with {@link #WITNESS_REGION}): each app's send ledger,
     * and the rotation lease, whose holder both regions must agree on.
     */
    public static List<String> stronglyConsistentTables() {
        List<String> tables = new ArrayList<>();
        for (App app : App.values()) for (AppTable table : AppTable.replicated(true)) tables.add(table.of(app.id()));
        tables.add(Tables.ROTATION_LEASE);
        return List.copyOf(tables);
    }

    /** Every routing control of the control panel: per app, kind and region, then the generator's. */
    public static List<String> routingControls() {
        List<String> controls = new ArrayList<>();
        for (App app : App.values())
            for (String kind : RoutingControls.KINDS)
                for (String region : REGIONS) controls.add(RoutingControls.name(app.id(), kind, region));
        controls.add(RoutingControls.GENERATOR);
        return List.copyOf(controls);
    }

    /** The actuator's login, which every matching stage's task gets from its secret. */
    private static Map<String, StageFootprint.SecretKey> actuatorLogin() {
        Map<String, StageFootprint.SecretKey> variables = new LinkedHashMap<>();
        variables.put(
                TaskEnvironment.HTTP_USERNAME, new StageFootprint.SecretKey(Secrets.ACTUATOR_LOGIN, Secrets.USERNAME));
        variables.put(
                TaskEnvironment.HTTP_PASSWORD, new StageFootprint.SecretKey(Secrets.ACTUATOR_LOGIN, Secrets.PASSWORD));
        return variables;
    }

    private static void requireRegion(String region) {
        if (!REGIONS.contains(region))
            throw new IllegalArgumentException("region '" + region + "' is none of " + String.join(", ", REGIONS));
    }
}
