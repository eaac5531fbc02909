package io.tradewind.opsconsole.runbook;

import static io.tradewind.model.topology.RoutingControls.INBOUND;
import static io.tradewind.model.topology.RoutingControls.KINDS;
import static io.tradewind.model.topology.RoutingControls.atMostOneRegionRule;
import static io.tradewind.model.topology.RoutingControls.name;

import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.config.RunbookTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Two regions as the runbook sees them, in memory: routing controls with ARC's at-most-one-region rule, services whose
 * gates follow their controls, queues, global databases, reconciliation, the audit (every record kept in order) and
 * the lease (judged on a clock tests can move). Tests break one part and watch
 * what the runbook does. It also checks, on every change, that no control pair is ever On in both regions.
 */
final class RegionsFake
        implements RoutingControls,
                RegionServices,
                Queues,
                GlobalDatabases,
                Reconciliation,
                RunbookAudit,
                RotationLease {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final List<String> APPS = App.ids();
    static final Map<String, List<String>> INBOUND_QUEUES = RunbookTopology.INBOUND_QUEUES;

    final Map<String, Boolean> controls = new LinkedHashMap<>();
    final List<Map<String, Boolean>> updates = new ArrayList<>();
    final Map<String, Long> depth = new HashMap<>();
    final Map<String, String> writers = new HashMap<>();
    final Map<String, Long> databaseLag = new HashMap<>();
    final Set<String> unhealthy = new HashSet<>();
    final Set<String> unreachableRegions = new HashSet<>();
    /** Gates (app@region/kind) that never follow their control. */
    final Set<String> stuckGates = new HashSet<>();

    final List<String> switchovers = new ArrayList<>();
    final List<String> failovers = new ArrayList<>();
    final List<Instant> reconciledUntil = new ArrayList<>();
    final List<Optional<Instant>> reconciledSince = new ArrayList<>();
    final List<String> watchedKeys = new ArrayList<>();
    boolean auditUnreadable;
    /** Every record the runbook wrote, in order: one execution is recorded before and after each step. */
    final List<RotationExecution> auditTrail = new ArrayList<>();

    final Map<String, RotationExecution> latest = new LinkedHashMap<>();
    /** How far the lease's clock is ahead of the system's: moving it expires leases. */
    volatile Duration leaseClockAhead = Duration.ZERO;

    Lease heldLease;
    final List<String> leaseCalls = new ArrayList<>();
    /** The next renewals fail as the lease table not answering would. */
    volatile boolean leaseTableDown;
    /** A port call that kills the runbook's process (an Error nothing catches): "switchover", "reconcile", "set:X". */
    volatile String killOn;

    /** A switchover that outlives its timeout: it fails, then shows moving for this many looks, then ends. */
    int switchoverMovingLooks;
    /** Whether such a switchover ends with the target as the writer (else it gave up, the source still writer). */
    boolean switchoverCompletes = true;

    final Map<String, String> movingTo = new HashMap<>();
    /** How long a failover waits for an operator's confirmation before it leaves the wait to a later confirm. */
    Duration confirmationWait = Duration.ofSeconds(5);

    final Map<String, Long> ingested = new HashMap<>();
    long stageLagMillis;
    boolean recordsKeepArriving;
    int replaysPerRun;
    int outstandingLooks;
    boolean failSwitchover;
    long recordsIn;

    RegionsFake() {
        for (String app : APPS) {
            for (String kind : KINDS) {
                controls.put(name(app, kind, EAST), true);
                controls.put(name(app, kind, WEST), false);
            }
            writers.put(app, EAST);
            databaseLag.put(app, 0L);
        }
    }

    /** The process was killed: nothing below it catches this. */
    static final class Killed extends Error {
        Killed(String where) {
            super("killed at " + where);
        }
    }

    private void maybeKill(String call) {
        if (call.equals(killOn)) {
            killOn = null;
            throw new Killed(call);
        }
    }

    RotationRunbook runbook() {
        return runbook(Duration.ofMinutes(2));
    }

    RotationRunbook runbook(Duration leaseTtl) {
        return new RotationRunbook(
                this,
                this,
                this,
                this,
                this,
                this,
                this,
                INBOUND_QUEUES,
                new RotationRunbook.Settings(
                        Duration.ofMillis(1),
                        2,
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(50),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        true,
                        Duration.ofMinutes(1),
                        leaseTtl,
                        Duration.ofMillis(300),
                        confirmationWait),
                java.time.Clock.systemUTC());
    }

    RotationDesk desk() {
        return new RotationDesk(runbook(), List.of(EAST, WEST));
    }

    RotationDesk desk(Duration leaseTtl) {
        return new RotationDesk(runbook(leaseTtl), List.of(EAST, WEST));
    }

    // Routing controls, with ARC's safety rule.

    @Override
    public boolean isOn(String controlName) {
        Boolean on = controls.get(controlName);
        if (on == null) throw new IllegalArgumentException("no control " + controlName);
        return on;
    }

    @Override
    public void set(Map<String, Boolean> states) {
        Map<String, Boolean> after = new LinkedHashMap<>(controls);
        after.putAll(states);
        for (String app : APPS)
            for (String kind : KINDS)
                if (after.get(name(app, kind, EAST)) && after.get(name(app, kind, WEST)))
                    throw new IllegalStateException("ARC refused " + states + ": " + atMostOneRegionRule(app, kind));
        for (String control : states.keySet()) maybeKill("set:" + control + "=" + states.get(control));
        updates.add(Map.copyOf(states));
        controls.putAll(states);
    }

    // The regions' services.

    private void reachable(String region) {
        if (unreachableRegions.contains(region))
            throw new ServiceUnreachableException(region + " does not answer", null);
    }

    @Override
    public boolean healthy(String app, String region) {
        reachable(region);
        return !unhealthy.contains(app + "@" + region);
    }

    @Override
    public OptionalLong stageLagMillis(String app, String region) {
        reachable(region);
        return OptionalLong.of(stageLagMillis);
    }

    @Override
    public long recordsIn(String app, String region) {
        reachable(region);
        return recordsKeepArriving ? ++recordsIn : recordsIn;
    }

    @Override
    public long ingested(String app, String region) {
        reachable(region);
        // Traffic flows wherever inbound is On: every look sees one more input.
        boolean on = controls.get(name(app, INBOUND, region));
        return ingested.merge(app + "@" + region, on ? 1L : 0L, Long::sum);
    }

    @Override
    public boolean gateOpen(String app, String region, String kind) {
        reachable(region);
        boolean on = controls.get(name(app, kind, region));
        return stuckGates.contains(app + "@" + region + "/" + kind) ? !on : on;
    }

    @Override
    public long replicationLagMillis(String app, String region, String store) {
        reachable(region);
        return 0;
    }

    // Queues.

    @Override
    public long depth(String region, String queue) {
        return depth.getOrDefault(region + "/" + queue, 0L);
    }

    @Override
    public int forward(String from, String to, String queue) {
        long moved = depth.getOrDefault(from + "/" + queue, 0L);
        depth.put(from + "/" + queue, 0L);
        depth.merge(to + "/" + queue, moved, Long::sum);
        return (int) moved;
    }

    @Override
    public String sendText(String region, String queue, String body) {
        throw new UnsupportedOperationException("the runbook sends nothing");
    }

    @Override
    public String sendBytes(String region, String queue, byte[] body) {
        throw new UnsupportedOperationException("the runbook sends nothing");
    }

    // Global databases.

    @Override
    public String writer(String app) {
        return writers.get(app);
    }

    /** Lag readings left before a lagging database catches up (0: it never does). */
    int lagLooksUntilCaughtUp;

    @Override
    public long lagMillis(String app) {
        if (lagLooksUntilCaughtUp > 0 && --lagLooksUntilCaughtUp == 0) databaseLag.replaceAll((a, lag) -> 0L);
        return databaseLag.get(app);
    }

    @Override
    public WriterState writerState(String app) {
        String to = movingTo.get(app);
        if (to != null) {
            if (switchoverMovingLooks-- > 0) return new WriterState(writers.get(app), true);
            movingTo.remove(app);
            if (switchoverCompletes) writers.put(app, to);
        }
        return new WriterState(writers.get(app), false);
    }

    @Override
    public void switchover(String app, String target, Duration timeout) {
        maybeKill("switchover");
        if (switchoverMovingLooks > 0) {
            movingTo.put(app, target);
            throw new IllegalStateException("switchover of " + app + " to " + target + " did not finish within "
                    + timeout + "; RDS may still be running it");
        }
        if (failSwitchover) throw new IllegalStateException("replication lag did not reach 0 within " + timeout);
        switchovers.add(app + "->" + target);
        writers.put(app, target);
    }

    @Override
    public FailoverLoss failover(String app, String target) {
        failovers.add(app + "->" + target);
        writers.put(app, target);
        return new FailoverLoss(7, 420);
    }

    // Reconciliation.

    @Override
    public Result reconcile(String app, String region, Optional<Instant> since, Instant until) {
        maybeKill("reconcile");
        reconciledUntil.add(until);
        reconciledSince.add(since);
        List<String> replays = new ArrayList<>();
        for (int i = 0; i < replaysPerRun; i++) replays.add(app + "|replay-" + i);
        return new Result("run-" + app, since.orElse(until.minus(Duration.ofHours(24))), 100, replays);
    }

    @Override
    public List<String> outstanding(String app, String region, Collection<String> journalKeys) {
        watchedKeys.addAll(journalKeys);
        return outstandingLooks-- > 0 ? List.of(journalKeys.iterator().next()) : List.of();
    }

    // Audit.

    @Override
    public synchronized void record(RotationExecution execution) {
        auditTrail.add(execution);
        latest.put(execution.executionId(), execution);
    }

    @Override
    public synchronized List<RotationExecution> history(String region) {
        if (auditUnreadable) throw new IllegalStateException("audit table unreachable");
        return List.copyOf(latest.values());
    }

    /** Each execution as last recorded. */
    synchronized List<RotationExecution> audited() {
        return List.copyOf(latest.values());
    }

    /** The outcome of each record of an execution, in order, with the step running or last done at each. */
    synchronized List<String> trailOf(String executionId) {
        return auditTrail.stream()
                .filter(record -> record.executionId().equals(executionId))
                .map(record -> record.outcome() + " "
                        + record.steps().stream()
                                .map(step -> step.step() + ":" + step.outcome())
                                .reduce((a, b) -> b)
                                .orElse("-"))
                .toList();
    }

    // The lease, in memory, judged on a clock tests can move ahead.

    Instant leaseNow() {
        return Instant.now().plus(leaseClockAhead);
    }

    @Override
    public synchronized Lease acquire(String executionId, String holder, Duration ttl) {
        leaseCalls.add("acquire " + holder);
        if (heldLease != null && !heldLease.admits(executionId, leaseNow())) throw new LeaseHeldException(heldLease);
        heldLease = new Lease(executionId, holder, leaseNow().plus(ttl));
        return heldLease;
    }

    @Override
    public synchronized Lease renew(Lease lease, Duration ttl) {
        if (leaseTableDown) throw new IllegalStateException("the lease table does not answer");
        leaseCalls.add("renew " + lease.holder());
        if (heldLease == null || !heldLease.executionId().equals(lease.executionId())) {
            if (heldLease == null)
                heldLease = new Lease(
                        lease.executionId(), lease.holder(), leaseNow().plus(ttl));
            else throw new LeaseHeldException(heldLease);
        }
        heldLease = new Lease(lease.executionId(), lease.holder(), leaseNow().plus(ttl));
        return heldLease;
    }

    @Override
    public synchronized void release(Lease lease) {
        leaseCalls.add("release " + lease.holder());
        if (heldLease != null && heldLease.executionId().equals(lease.executionId())) heldLease = null;
    }

    @Override
    public synchronized Optional<Lease> current() {
        return Optional.ofNullable(heldLease);
    }

    /** True when, for every app and kind, exactly {@code region} is On. */
    boolean runsIn(String region) {
        String other = region.equals(EAST) ? WEST : EAST;
        for (String app : APPS)
            for (String kind : KINDS)
                if (!controls.get(name(app, kind, region)) || controls.get(name(app, kind, other))) return false;
        return true;
    }
}
