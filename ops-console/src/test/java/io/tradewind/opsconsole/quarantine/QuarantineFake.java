package io.tradewind.opsconsole.quarantine;

import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.opsconsole.runbook.RoutingControls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Two regions in memory as the quarantine desk sees them: each region's copy of the apps' quarantine tables, the
 * processing routing controls, the writers, and what was sent to queues and put onto streams. Tests break a part and
 * watch what the desk does.
 */
final class QuarantineFake implements QuarantineTables, GlobalDatabases, RoutingControls, Queues, Streams {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String TM = App.TRADE_MATCHING.id();
    static final String SM = App.SETTLEMENT_MATCHING.id();
    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    /** Region → app → quarantine id → entry; each a copy of its own, as a lagging replica is. */
    final Map<String, Map<String, Map<String, HeldInput>>> tables = new HashMap<>();

    final Map<String, Boolean> controls = new HashMap<>();
    final Map<String, String> writers = new HashMap<>(Map.of(TM, EAST, SM, EAST));
    final List<String> sent = new ArrayList<>();
    final List<String> put = new ArrayList<>();
    boolean putFails;
    boolean commitFails;

    QuarantineFake() {
        controls.put(App.TRADE_MATCHING.processingControl(EAST), true);
        controls.put(App.TRADE_MATCHING.processingControl(WEST), false);
        controls.put(App.SETTLEMENT_MATCHING.processingControl(EAST), true);
        controls.put(App.SETTLEMENT_MATCHING.processingControl(WEST), false);
    }

    QuarantineDesk desk() {
        return new QuarantineDesk(this, this, this, this, this, List.of(EAST, WEST), RunbookTopology.INBOUND_QUEUES);
    }

    /** Holds an entry in {@code region}'s copy of the app's table. */
    HeldInput hold(String region, QuarantineEntry entry, byte[] payload) {
        HeldInput input = new HeldInput(entry, payload);
        tables.computeIfAbsent(region, r -> new HashMap<>())
                .computeIfAbsent(entry.app(), a -> new LinkedHashMap<>())
                .put(entry.quarantineId(), input);
        return input;
    }

    /** An entry as a stage would have quarantined it, never replayed. */
    static QuarantineEntry entry(
            String app, String id, String stage, String source, String partitionKey, int payloadSize, Instant at) {
        return new QuarantineEntry(
                id, app, stage, source, partitionKey, "REFUSED_BY_POSTGRES", "too long", payloadSize, at, null, 0);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Optional<QuarantineEntry> stored(String region, String app, String id) {
        return Optional.ofNullable(table(region, app).get(id)).map(HeldInput::entry);
    }

    private Map<String, HeldInput> table(String region, String app) {
        return tables.getOrDefault(region, Map.of()).getOrDefault(app, Map.of());
    }

    @Override
    public Page list(String app, String region, Optional<Instant> since, int limit) {
        List<QuarantineEntry> entries = table(region, app).values().stream()
                .map(HeldInput::entry)
                .filter(entry -> since.isEmpty() || !entry.quarantinedAt().isBefore(since.get()))
                .sorted(Comparator.comparing(QuarantineEntry::quarantinedAt).reversed())
                .toList();
        return new Page(entries.subList(0, Math.min(limit, entries.size())), entries.size());
    }

    @Override
    public Optional<HeldInput> find(String app, String region, String quarantineId) {
        return Optional.ofNullable(table(region, app).get(quarantineId));
    }

    @Override
    public Optional<QuarantineEntry> replay(
            String app, String region, String quarantineId, Consumer<HeldInput> replay) {
        HeldInput before = table(region, app).get(quarantineId);
        if (before == null) return Optional.empty();
        QuarantineEntry was = before.entry();
        QuarantineEntry recorded = new QuarantineEntry(
                was.quarantineId(),
                was.app(),
                was.stage(),
                was.source(),
                was.partitionKey(),
                was.reason(),
                was.detail(),
                was.payloadSize(),
                was.quarantinedAt(),
                NOW,
                was.replayCount() + 1);
        replay.accept(new HeldInput(recorded, before.payload()));
        if (commitFails) throw new IllegalStateException("connection reset at commit");
        hold(region, recorded, before.payload());
        return Optional.of(recorded);
    }

    @Override
    public String writer(String app) {
        return writers.get(app);
    }

    @Override
    public long lagMillis(String app) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void switchover(String app, String target, Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FailoverLoss failover(String app, String target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOn(String controlName) {
        return controls.getOrDefault(controlName, false);
    }

    @Override
    public void set(Map<String, Boolean> states) {
        throw new UnsupportedOperationException("the desk changes no routing control");
    }

    @Override
    public long depth(String region, String queue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int forward(String from, String to, String queue) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String sendText(String region, String queue, String body) {
        sent.add(region + "/" + queue + " text " + body);
        return "ID:" + sent.size();
    }

    @Override
    public String sendBytes(String region, String queue, byte[] body) {
        sent.add(region + "/" + queue + " bytes " + java.util.HexFormat.of().formatHex(body));
        return "ID:" + sent.size();
    }

    @Override
    public Position put(String region, String stream, String partitionKey, byte[] data) {
        if (putFails) throw new IllegalStateException("kinesis does not answer");
        put.add(region + "/" + stream + " [" + partitionKey + "] " + new String(data, StandardCharsets.UTF_8));
        return new Position("shardId-000000000000", "4965" + put.size());
    }
}
