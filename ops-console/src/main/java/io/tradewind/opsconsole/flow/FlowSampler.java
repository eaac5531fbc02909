package io.tradewind.opsconsole.flow;

import io.tradewind.model.participant.Participant;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RoutingControls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Samples the platform every {@link Settings#interval()}: each source is read on a thread of its own and waited for at
 * most {@link Settings#readTimeout()}; one that answers later counts at the next sample, one that is still busy from
 * the last round is not asked again meanwhile, so a dead region costs the console nothing but its grey tile. The
 * slower sources (queue depths, participants, reconciliation runs) are read every {@link Settings#slowEvery()} rounds.
 * While no one has asked for a sample for a minute (no dashboard open, as in the sandbox's tests), a round runs only
 * every {@link Settings#slowEvery()} intervals: the console then costs the platform it watches next to nothing.
 */
public final class FlowSampler implements FlowSamples, AutoCloseable {

    /** Where the sampler reads; the runbook's own ports where it has them. */
    public record Sources(
            ServiceMeters meters,
            RoutingControls controls,
            Queues queues,
            GlobalDatabases databases,
            Supplier<List<Participant>> participants,
            ReconciliationHistory reconciliations,
            Supplier<List<RotationExecution>> executions) {}

    /**
     * @param controls every routing control shown, by name (each app's per kind and region, and the generator's)
     * @param inboundQueues the queues whose depth is shown in every region
     * @param history how much of each stage's rate and lag the charts keep
     * @param slowEvery the slower sources are read once every this many rounds
     * @param stageLagBound a stage further behind than this raises an alert
     * @param replicationLagBound replication further behind than this raises an alert
     */
    public record Settings(
            List<String> apps,
            List<String> regions,
            List<String> stages,
            List<String> controls,
            List<String> inboundQueues,
            Duration interval,
            Duration readTimeout,
            Duration history,
            int slowEvery,
            Duration stageLagBound,
            Duration replicationLagBound) {
        public Settings {
            apps = List.copyOf(apps);
            regions = List.copyOf(regions);
            stages = List.copyOf(stages);
            controls = List.copyOf(controls);
            inboundQueues = List.copyOf(inboundQueues);
            if (slowEvery < 1) throw new IllegalArgumentException("slowEvery must be at least 1: " + slowEvery);
        }
    }

    static final String CONTROLS = "routing-controls";
    static final String DATABASES = "global-databases";
    static final String PARTICIPANTS = "participants";
    static final String RECONCILIATIONS = "reconciliation-runs";
    static final String EXECUTIONS = "executions";

    private final Sources sources;
    private final Settings settings;
    private final Clock clock;
    private final ExecutorService readers;
    private final ScheduledExecutorService ticker;

    /** Per source, the read still running (a source is not asked again before it answered). */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final Map<String, ServiceState> services = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private volatile Map<String, Boolean> controls = Map.of();
    private volatile Instant controlsReadAt;
    private final Map<String, FlowSample.Database> databases = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> queueDepths = new ConcurrentHashMap<>();
    private volatile List<Participant> participants = List.of();
    private volatile List<ReconciliationHistory.Run> reconciliations = List.of();
    private volatile List<RotationExecution> executions = List.of();
    private volatile FlowSample latest;
    private volatile long askedAtNanos = Long.MIN_VALUE;
    private long rounds;
    private long ticks;

    /** How long after the last question the sampler keeps sampling at full rate. */
    static final Duration WATCHED_FOR = Duration.ofMinutes(1);

    private record Pending(Instant since, CompletableFuture<Void> read) {}

    public FlowSampler(Sources sources, Settings settings, Clock clock) {
        this.sources = sources;
        this.settings = settings;
        this.clock = clock;
        for (String app : settings.apps())
            for (String region : settings.regions()) services.put(key(app, region), new ServiceState(app, region));
        readers = Executors.newCachedThreadPool(daemon("flow-sampler-read"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("flow-sampler"));
        latest = snapshot(clock.instant());
    }

    /** Samples now and then every interval, on a thread of its own, until closed. */
    public void start() {
        ticker.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (watched() || ticks++ % settings.slowEvery() == 0) sample();
                    } catch (RuntimeException e) { // a bug in one round must not end the sampling
                        unavailable.put("sampler", String.valueOf(e));
                    }
                },
                0,
                settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The last sample: what the API answers from, at once. */
    @Override
    public FlowSample latest() {
        askedAtNanos = System.nanoTime();
        return latest;
    }

    private boolean watched() {
        long asked = askedAtNanos;
        return asked != Long.MIN_VALUE && System.nanoTime() - asked < WATCHED_FOR.toNanos();
    }

    /** One round: asks every source not still busy, waits at most the read timeout, and keeps the new sample. */
    public synchronized FlowSample sample() {
        boolean slow = rounds++ % settings.slowEvery() == 0;
        List<CompletableFuture<Void>> round = new ArrayList<>();
        for (ServiceState service : services.values())
            read("meters:" + service.key(), round, () -> {
                Instant startedAt = clock.instant();
                try {
                    ServiceReading reading = sources.meters().read(service.app, service.region);
                    service.answered(reading, clock.instant());
                } catch (RuntimeException e) {
                    service.failed(startedAt, describe(e));
                }
            });
        read(CONTROLS, round, this::readControls);
        read(DATABASES, round, this::readDatabases);
        read(EXECUTIONS, round, () -> executions = sources.executions().get());
        if (slow) {
            for (String region : settings.regions()) read("queues@" + region, round, () -> readQueues(region));
            read(
                    PARTICIPANTS,
                    round,
                    () -> participants = sources.participants().get());
            read(RECONCILIATIONS, round, this::readReconciliations);
        }
        try {
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new))
                    .get(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Whatever did not answer in time keeps its last value; it shows as unreachable below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        latest = snapshot(clock.instant());
        return latest;
    }

    /** Starts {@code task} for {@code source} unless its last read is still running. */
    private void read(String source, List<CompletableFuture<Void>> round, Runnable task) {
        Pending running = pending.get(source);
        if (running != null && !running.read().isDone()) return;
        CompletableFuture<Void> read = CompletableFuture.runAsync(
                () -> {
                    try {
                        task.run();
                        unavailable.remove(source);
                    } catch (RuntimeException e) {
                        unavailable.put(source, describe(e));
                    }
                },
                readers);
        pending.put(source, new Pending(clock.instant(), read));
        round.add(read);
    }

    private void readControls() {
        Map<String, Boolean> read = new LinkedHashMap<>();
        for (String control : settings.controls())
            read.put(control, sources.controls().isOn(control));
        controls = read;
        controlsReadAt = clock.instant();
    }

    private void readDatabases() {
        for (String app : settings.apps())
            databases.put(
                    app,
                    new FlowSample.Database(
                            app,
                            sources.databases().writer(app),
                            sources.databases().lagMillis(app),
                            clock.instant()));
    }

    private void readQueues(String region) {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String queue : settings.inboundQueues())
            depths.put(queue, sources.queues().depth(region, queue));
        queueDepths.put(region, depths);
    }

    private void readReconciliations() {
        List<ReconciliationHistory.Run> runs = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String app : settings.apps()) {
            RuntimeException last = null;
            // A global table: any region's copy has every run; the next region answers for a dead one.
            for (String region : settings.regions()) {
                try {
                    runs.addAll(sources.reconciliations().recent(app, region, 20));
                    last = null;
                    break;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            if (last != null) failed.add(app + ": " + describe(last));
        }
        runs.sort(Comparator.comparing(ReconciliationHistory.Run::windowEnd).reversed());
        reconciliations = runs;
        if (!failed.isEmpty()) throw new IllegalStateException(String.join("; ", failed));
    }

    private FlowSample snapshot(Instant now) {
        List<FlowSample.AppRegion> regions = new ArrayList<>();
        List<FlowSample.Alert> alerts = new ArrayList<>();
        for (ServiceState service : services.values()) {
            Pending reading = pending.get("meters:" + service.key());
            // A read that has not answered within the timeout makes the region unreachable from when it was asked.
            Instant silentSince = reading != null
                            && !reading.read().isDone()
                            && Duration.between(reading.since(), now).compareTo(settings.readTimeout()) > 0
                    ? reading.since()
                    : null;
            FlowSample.AppRegion view = service.view(silentSince, settings.stages());
            regions.add(view);
            alerts.addAll(alertsOf(view));
        }
        for (FlowSample.Database database : databases.values())
            if (database.lagMillis() > settings.replicationLagBound().toMillis())
                alerts.add(new FlowSample.Alert(
                        FlowSample.Alert.Kind.REPLICATION_LAG,
                        database.app(),
                        null,
                        null,
                        database.app() + "'s global database is " + database.lagMillis() + " ms behind its writer "
                                + database.writer()));
        new TreeMap<>(unavailable).forEach((source, why) -> {
            if (!source.startsWith("meters:"))
                alerts.add(new FlowSample.Alert(
                        FlowSample.Alert.Kind.SOURCE_UNAVAILABLE,
                        null,
                        null,
                        null,
                        source + " could not be read: " + why));
        });
        return new FlowSample(
                now,
                regions,
                controls,
                controlsReadAt,
                databases,
                queueDepths,
                participants,
                reconciliations,
                executions,
                alerts,
                unavailable);
    }

    private List<FlowSample.Alert> alertsOf(FlowSample.AppRegion service) {
        List<FlowSample.Alert> alerts = new ArrayList<>();
        String where = service.app() + " in " + service.region();
        if (!service.reachable()) {
            alerts.add(new FlowSample.Alert(
                    FlowSample.Alert.Kind.UNREACHABLE,
                    service.app(),
                    service.region(),
                    null,
                    where + " has not answered since " + service.unreachableSince()
                            + (service.error() == null ? "" : " (" + service.error() + ")")));
            return alerts; // its numbers are the last it gave: no alert is raised on them
        }
        for (FlowSample.StageFlow stage : service.stages()) {
            if (stage.lagMillis() > settings.stageLagBound().toMillis())
                alerts.add(new FlowSample.Alert(
                        FlowSample.Alert.Kind.STAGE_LAG,
                        service.app(),
                        service.region(),
                        stage.stage(),
                        where + ": " + stage.stage() + " is " + stage.lagMillis() + " ms behind its stream"));
            if (stage.breakerOpen())
                alerts.add(new FlowSample.Alert(
                        FlowSample.Alert.Kind.BREAKER_OPEN,
                        service.app(),
                        service.region(),
                        stage.stage(),
                        where + ": " + stage.stage() + "'s circuit breaker is open"));
        }
        if (service.tableLagMillis() > settings.replicationLagBound().toMillis())
            alerts.add(new FlowSample.Alert(
                    FlowSample.Alert.Kind.REPLICATION_LAG,
                    service.app(),
                    service.region(),
                    null,
                    where + ": the global tables are " + service.tableLagMillis() + " ms behind"));
        if (service.quarantined() > 0)
            alerts.add(new FlowSample.Alert(
                    FlowSample.Alert.Kind.QUARANTINED,
                    service.app(),
                    service.region(),
                    null,
                    where + ": " + service.quarantined() + " inputs quarantined (ops-console quarantine list)"));
        return alerts;
    }

    /** One app's services in one region: the last reading, the one before it (for rates) and the charts' points. */
    private final class ServiceState {
        final String app;
        final String region;
        private ServiceReading last;
        private Instant lastAt;
        private Instant failingSince;
        private String error;
        private final Map<String, Double> rates = new LinkedHashMap<>();
        private final Map<String, Deque<FlowSample.Point>> history = new LinkedHashMap<>();

        ServiceState(String app, String region) {
            this.app = app;
            this.region = region;
        }

        String key() {
            return FlowSampler.key(app, region);
        }

        synchronized void answered(ServiceReading reading, Instant at) {
            for (Map.Entry<String, ServiceReading.StageReading> stage :
                    reading.stages().entrySet()) {
                double rate = 0;
                if (last != null && last.stages().containsKey(stage.getKey())) {
                    long before = last.stages().get(stage.getKey()).recordsIn();
                    double seconds = Duration.between(lastAt, at).toMillis() / 1000.0;
                    // A counter that went down belongs to a restarted service: no rate from across the restart.
                    if (seconds > 0 && stage.getValue().recordsIn() >= before)
                        rate = (stage.getValue().recordsIn() - before) / seconds;
                }
                rates.put(stage.getKey(), rate);
                Deque<FlowSample.Point> points = history.computeIfAbsent(stage.getKey(), s -> new ArrayDeque<>());
                points.addLast(new FlowSample.Point(at, rate, stage.getValue().lagMillis()));
                Instant oldest = at.minus(settings.history());
                while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) points.removeFirst();
            }
            last = reading;
            lastAt = at;
            failingSince = null;
            error = null;
        }

        synchronized void failed(Instant askedAt, String why) {
            if (failingSince == null) failingSince = askedAt;
            error = why;
        }

        synchronized FlowSample.AppRegion view(Instant silentSince, List<String> stageOrder) {
            Instant since = failingSince;
            if (silentSince != null && (since == null || silentSince.isBefore(since))) since = silentSince;
            boolean reachable = since == null && last != null;
            List<FlowSample.StageFlow> stages = new ArrayList<>();
            if (last != null)
                for (String stage : stageOrder) {
                    ServiceReading.StageReading reading = last.stages().get(stage);
                    if (reading == null) continue;
                    stages.add(new FlowSample.StageFlow(
                            stage,
                            reachable ? rates.getOrDefault(stage, 0.0) : 0.0,
                            reading.recordsIn(),
                            reading.lagMillis(),
                            reading.rejected(),
                            reading.failedAttempts(),
                            reading.breakerOpen(),
                            List.copyOf(history.getOrDefault(stage, new ArrayDeque<>()))));
                }
            return new FlowSample.AppRegion(
                    app,
                    region,
                    reachable,
                    lastAt,
                    since,
                    since == null ? null : (error != null ? error : "no answer within " + settings.readTimeout()),
                    last != null && last.inboundOpen(),
                    last != null && last.processingOpen(),
                    last == null ? -1 : last.tableLagMillis(),
                    last == null ? -1 : last.databaseLagMillis(),
                    last == null ? 0 : last.quarantined(),
                    stages);
        }
    }

    static String key(String app, String region) {
        return app + "@" + region;
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        readers.shutdownNow();
    }
}
