package io.tradewind.opsconsole.quarantine;

import static io.tradewind.model.topology.RoutingControls.PROCESSING;
import static io.tradewind.model.topology.RoutingControls.name;

import io.tradewind.opsconsole.quarantine.ReplayOutcome.Delivery;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.PutOnStream;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Reason;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Refused;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Replayed;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.SentToQueue;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.opsconsole.runbook.RoutingControls;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators do with the apps' quarantines: list the entries of each app's database (the writer's copy unless a
 * region is named), show one with its payload, and replay one after a fix into the app's active region, the one whose
 * processing routing control is On. A message taken from a queue is sent to that queue on the region's broker; a
 * stream record is put onto its stream under its partition key. The stages are idempotent, so a replay is
 * at-least-once; it is never silent: it is recorded on the entry in the same transaction that locks it, and logged
 * with the operator who asked for it.
 */
public final class QuarantineDesk {
    private static final Logger log = LoggerFactory.getLogger(QuarantineDesk.class);

    private static final Comparator<QuarantineEntry> NEWEST_FIRST = Comparator.comparing(QuarantineEntry::quarantinedAt)
            .reversed()
            .thenComparing(QuarantineEntry::app)
            .thenComparing(QuarantineEntry::quarantineId);

    private final QuarantineTables tables;
    private final GlobalDatabases databases;
    private final RoutingControls controls;
    private final Queues queues;
    private final Streams streams;
    private final List<String> regions;
    private final Map<String, List<String>> inboundQueues;

    /**
     * @param regions every region an app can be active in
     * @param inboundQueues per app, the queues its inbound gateways read: where an inbound-gateway entry can go back to
     */
    public QuarantineDesk(
            QuarantineTables tables,
            GlobalDatabases databases,
            RoutingControls controls,
            Queues queues,
            Streams streams,
            List<String> regions,
            Map<String, List<String>> inboundQueues) {
        this.tables = tables;
        this.databases = databases;
        this.controls = controls;
        this.queues = queues;
        this.streams = streams;
        this.regions = List.copyOf(regions);
        this.inboundQueues = Map.copyOf(inboundQueues);
    }

    /**
     * The newest entries of the apps' quarantines, at most {@code limit} in all, and how many there are.
     *
     * @param databaseRegions per app, the region whose copy of its database was read
     */
    public record Listing(List<QuarantineEntry> entries, long total, Map<String, String> databaseRegions) {
        public Listing {
            entries = List.copyOf(entries);
            databaseRegions = Collections.unmodifiableMap(new LinkedHashMap<>(databaseRegions)); // in the apps' order
        }
    }

    /**
     * @param region the region whose copy of each app's database to read; empty: each app's writer
     * @param since only entries quarantined at or after it; empty: all
     */
    public Listing list(List<String> apps, Optional<String> region, Optional<Instant> since, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
        Map<String, String> databaseRegions = new LinkedHashMap<>();
        List<QuarantineEntry> entries = new ArrayList<>();
        long total = 0;
        for (String app : apps) {
            String databaseRegion = databaseRegion(app, region);
            databaseRegions.put(app, databaseRegion);
            QuarantineTables.Page page = tables.list(app, databaseRegion, since, limit);
            entries.addAll(page.entries());
            total += page.total();
        }
        entries.sort(NEWEST_FIRST);
        return new Listing(entries.subList(0, Math.min(limit, entries.size())), total, databaseRegions);
    }

    /** One entry with its payload, and the region whose copy of the app's database it was read from. */
    public record Shown(HeldInput input, String databaseRegion) {}

    public Optional<Shown> show(String app, Optional<String> region, String quarantineId) {
        String databaseRegion = databaseRegion(app, region);
        return tables.find(app, databaseRegion, quarantineId).map(input -> new Shown(input, databaseRegion));
    }

    /**
     * Puts the entry back into the flow of the app's active region and records the replay on it, or refuses with the
     * reason and does nothing. Infrastructure failures (a broker, stream, database or ARC that does not answer) are
     * thrown; one that comes after the input went out says so.
     *
     * @param region the region whose copy of the app's database holds the entry and records the replay (only the
     *     writer's can); empty: the writer
     * @param operator who asked for it, for the log
     */
    public ReplayOutcome replay(String app, Optional<String> region, String quarantineId, String operator) {
        String databaseRegion = databaseRegion(app, region);
        Optional<HeldInput> held = tables.find(app, databaseRegion, quarantineId);
        if (held.isEmpty()) return unknown(app, databaseRegion, quarantineId);
        Route route = routeOf(held.get().entry());
        if (route instanceof Unroutable unroutable) return unroutable.refused();
        List<String> active = regions.stream()
                .filter(name -> controls.isOn(processingControl(app, name)))
                .toList();
        if (active.isEmpty())
            return new Refused(
                    Reason.NO_ACTIVE_REGION,
                    app + " has no active region: no " + processingControl(app, "<region>")
                            + " routing control is On in " + regions + "; nothing was replayed");
        if (active.size() > 1)
            return new Refused(
                    Reason.SEVERAL_ACTIVE_REGIONS,
                    app + "'s processing routing control is On in " + active
                            + ", which ARC's safety rule forbids; nothing was replayed");
        String into = active.get(0);

        AtomicReference<Delivery> delivered = new AtomicReference<>();
        Optional<QuarantineEntry> recorded;
        try {
            recorded = tables.replay(
                    app,
                    databaseRegion,
                    quarantineId,
                    locked -> delivered.set(deliver(routeOf(locked.entry()), into, locked.payload())));
        } catch (RuntimeException e) {
            if (delivered.get() == null) throw e;
            throw new IllegalStateException(
                    app + " entry " + Printable.of(quarantineId) + " was replayed into " + into + " ("
                            + delivered.get().describe()
                            + ") but recording the replay in " + databaseRegion
                            + "'s database failed, so its replay count does not show it: " + e.getMessage(),
                    e);
        }
        if (recorded.isEmpty()) return unknown(app, databaseRegion, quarantineId); // removed since it was read
        QuarantineEntry entry = recorded.get();
        log.info(
                "operator {} replayed {} quarantine entry {} (stage {}, {} bytes, {}) into {}: {}; replay {} recorded at"
                        + " {} in {}'s database",
                Printable.of(operator),
                app,
                Printable.of(entry.quarantineId()),
                Printable.of(entry.stage()),
                entry.payloadSize(),
                Printable.of(entry.reason()),
                into,
                delivered.get().describe(),
                entry.replayCount(),
                entry.replayedAt(),
                databaseRegion);
        return new Replayed(entry, databaseRegion, into, delivered.get());
    }

    private static Refused unknown(String app, String databaseRegion, String quarantineId) {
        return new Refused(
                Reason.UNKNOWN_ID,
                "no entry " + Printable.of(quarantineId) + " in " + app + "'s quarantine (" + databaseRegion
                        + "'s database); nothing was replayed");
    }

    private String databaseRegion(String app, Optional<String> region) {
        if (region.isPresent() && !regions.contains(region.get()))
            throw new IllegalArgumentException("unknown region " + region.get() + "; known: " + regions);
        return region.orElseGet(() -> databases.writer(app));
    }

    /** Where an entry goes back to: the queue or stream its stage read it from. */
    private sealed interface Route {}

    private record ToQueue(String queue) implements Route {}

    private record ToStream(String stream, String partitionKey) implements Route {}

    private record Unroutable(Refused refused) implements Route {}

    private Route routeOf(QuarantineEntry entry) {
        String id = Printable.of(entry.quarantineId());
        Optional<StageName> stage = Arrays.stream(StageName.values())
                .filter(name -> name.configName().equals(entry.stage()))
                .findFirst();
        if (stage.isEmpty())
            return new Unroutable(new Refused(
                    Reason.UNKNOWN_STAGE,
                    "entry " + id + " names stage '" + Printable.of(entry.stage()) + "', which is none of "
                            + Arrays.stream(StageName.values())
                                    .map(StageName::configName)
                                    .toList()
                            + ": where it goes back is unknown; nothing was replayed"));
        if (stage.get() == StageName.INBOUND_GATEWAY) {
            List<String> queues = inboundQueues.getOrDefault(entry.app(), List.of());
            if (!queues.contains(entry.source()))
                return new Unroutable(new Refused(
                        Reason.SOURCE_NOT_OF_STAGE,
                        "entry " + id + " came from queue '" + Printable.of(entry.source()) + "', which is none of "
                                + entry.app() + "'s inbound queues " + queues + "; nothing was replayed"));
            return new ToQueue(entry.source());
        }
        String stream = StagePipeline.streamInto(entry.app(), stage.get());
        if (!stream.equals(entry.source()))
            return new Unroutable(new Refused(
                    Reason.SOURCE_NOT_OF_STAGE,
                    "entry " + id + " of stage " + entry.stage() + " came from '" + Printable.of(entry.source())
                            + "', not from the stream " + stream + " that stage reads; nothing was replayed"));
        if (entry.partitionKey() == null || entry.partitionKey().isEmpty())
            return new Unroutable(new Refused(
                    Reason.NO_PARTITION_KEY,
                    "entry " + id + " from stream " + stream + " has no partition key to put it back under; nothing"
                            + " was replayed"));
        return new ToStream(stream, entry.partitionKey());
    }

    private Delivery deliver(Route route, String region, byte[] payload) {
        if (route instanceof ToQueue toQueue) {
            Optional<String> text = Printable.utf8(payload);
            String messageId = text.isPresent()
                    ? queues.sendText(region, toQueue.queue(), text.get())
                    : queues.sendBytes(region, toQueue.queue(), payload);
            return new SentToQueue(toQueue.queue(), text.isPresent(), messageId);
        }
        if (route instanceof ToStream toStream) {
            Streams.Position position = streams.put(region, toStream.stream(), toStream.partitionKey(), payload);
            return new PutOnStream(
                    toStream.stream(), toStream.partitionKey(), position.shardId(), position.sequenceNumber());
        }
        throw new IllegalStateException(((Unroutable) route).refused().message());
    }

    /** The routing control that lets {@code app}'s stream stages in {@code region} process. */
    private static String processingControl(String app, String region) {
        return name(app, PROCESSING, region);
    }
}
