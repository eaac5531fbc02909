package io.tradewind.opsconsole.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Table {@code quarantine} of each app's database, in each region's copy of it. A standby's copy can be read, and only
 * the writer's can record a replay.
 */
public interface QuarantineTables {
    /**
     * The newest entries first, at most {@code limit}, quarantined at or after {@code since} (empty: any time), and
     * how many such entries there are in all.
     */
    Page list(String app, String region, Optional<Instant> since, int limit);

    Optional<HeldInput> find(String app, String region, String quarantineId);

    /**
     * Records a replay on the entry (replayed_at now, replay_count + 1), hands the entry to {@code replay} and commits,
     * in one transaction: a copy that cannot be written fails before {@code replay} runs, whatever {@code replay}
     * throws is rethrown with nothing recorded, and a second operator replaying the same entry waits for the first.
     * Empty when there is no such entry; else the entry as recorded.
     */
    Optional<QuarantineEntry> replay(String app, String region, String quarantineId, Consumer<HeldInput> replay);

    /** A listing's entries, newest first, and the number of entries it was cut from. */
    record Page(List<QuarantineEntry> entries, long total) {
        public Page {
            entries = List.copyOf(entries);
            if (total < entries.size())
                throw new IllegalArgumentException("total " + total + " is below the " + entries.size() + " entries");
        }
    }
}
