package io.tradewind.opsconsole.cli;

import io.tradewind.opsconsole.quarantine.HeldInput;
import io.tradewind.opsconsole.quarantine.Printable;
import io.tradewind.opsconsole.quarantine.QuarantineDesk;
import io.tradewind.opsconsole.quarantine.QuarantineEntry;
import io.tradewind.opsconsole.quarantine.ReplayOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The quarantine as the command line prints it. Everything that came with an input (ids, keys, details, payloads) is
 * made {@link Printable} first, so a hostile input cannot drive the operator's terminal.
 */
final class QuarantineText {
    /** How much of a payload {@code show} prints unless told. */
    static final int PAYLOAD_BYTES_SHOWN = 4_096;

    /** How much of an entry's detail a listing's line keeps. */
    static final int DETAIL_CHARS_LISTED = 100;

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> HEADERS =
            List.of("ID", "APP", "STAGE", "SOURCE", "REASON", "QUARANTINED AT", "BYTES", "REPLAYS", "DETAIL");
    /** Columns set flush right (numbers); the last column (the detail) is never padded. */
    private static final List<Integer> RIGHT = List.of(6, 7);

    private QuarantineText() {}

    /** Which database each app was read from, a line per entry (newest first) and the total. */
    static String listing(QuarantineDesk.Listing listing) {
        StringBuilder text = new StringBuilder("read from ")
                .append(listing.databaseRegions().entrySet().stream()
                        .map(app -> app.getKey() + " in " + app.getValue() + "'s database")
                        .collect(Collectors.joining(", ")))
                .append(System.lineSeparator());
        if (!listing.entries().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADERS);
            for (QuarantineEntry entry : listing.entries())
                rows.add(List.of(
                        Printable.of(entry.quarantineId()),
                        entry.app(),
                        Printable.of(entry.stage()),
                        Printable.of(entry.source()),
                        Printable.of(entry.reason()),
                        instant(entry.quarantinedAt()),
                        Integer.toString(entry.payloadSize()),
                        Integer.toString(entry.replayCount()),
                        cut(Printable.of(entry.detail()), DETAIL_CHARS_LISTED)));
            text.append(table(rows));
        }
        text.append(listing.entries().size())
                .append(" of ")
                .append(listing.total())
                .append(listing.total() == 1 ? " entry" : " entries")
                .append(listing.entries().size() < listing.total() ? ", the newest (--limit, --since for others)" : "");
        return text.toString();
    }

    /** Every field of the entry, and its payload as text up to {@code maxPayloadBytes}, with its full size. */
    static String entry(QuarantineDesk.Shown shown, int maxPayloadBytes) {
        HeldInput input = shown.input();
        QuarantineEntry entry = input.entry();
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> field : List.of(
                Map.entry("id", Printable.of(entry.quarantineId())),
                Map.entry("app", entry.app() + " (read from " + shown.databaseRegion() + "'s database)"),
                Map.entry("stage", Printable.of(entry.stage())),
                Map.entry("source", Printable.of(entry.source())),
                Map.entry("partition key", entry.partitionKey() == null ? "-" : Printable.of(entry.partitionKey())),
                Map.entry("reason", Printable.of(entry.reason())),
                Map.entry("detail", Printable.of(entry.detail())),
                Map.entry("quarantined at", instant(entry.quarantinedAt())),
                Map.entry("replayed", replays(entry))))
            text.append(String.format("%-15s %s", field.getKey(), field.getValue()))
                    .append(nl);
        boolean utf8 = Printable.utf8(input.payload()).isPresent();
        boolean cut = input.payload().length > maxPayloadBytes;
        text.append(String.format(
                        "%-15s %d bytes, %s%s",
                        "payload",
                        input.payload().length,
                        utf8 ? "UTF-8 text" : "not UTF-8 throughout (other bytes shown as \\xNN)",
                        cut ? "; the first " + maxPayloadBytes + " bytes:" : ":"))
                .append(nl)
                .append(Printable.of(input.payload(), maxPayloadBytes));
        if (cut) text.append(nl).append("[... ").append(input.payload().length).append(" bytes in all]");
        return text.toString();
    }

    /** What a replay did: where the input went, and the replay as the entry now records it. */
    static String replayed(ReplayOutcome.Replayed replayed, String operator) {
        QuarantineEntry entry = replayed.entry();
        String nl = System.lineSeparator();
        return "replayed " + entry.app() + " quarantine entry " + Printable.of(entry.quarantineId()) + " (stage "
                + Printable.of(entry.stage()) + ", " + entry.payloadSize() + " bytes, " + Printable.of(entry.reason())
                + ") into " + replayed.activeRegion() + ", the active region:" + nl
                + "  " + replayed.delivery().describe() + nl
                + "  recorded in " + replayed.databaseRegion() + "'s database: replay " + entry.replayCount() + " at "
                + instant(entry.replayedAt()) + nl
                + "  logged as an action of operator " + Printable.of(operator)
                + " (the runbook's audit table records rotations only)";
    }

    private static String replays(QuarantineEntry entry) {
        if (entry.replayCount() == 0) return "never";
        return entry.replayCount() + (entry.replayCount() == 1 ? " time" : " times") + ", last at "
                + entry.lastReplayedAt().map(QuarantineText::instant).orElse("-");
    }

    static String instant(Instant at) {
        return at == null ? "-" : INSTANT.format(at);
    }

    /** At most {@code maxChars} characters, the last an ellipsis when anything was cut. */
    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) return text;
        int end = maxChars - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    /** Rows in columns as wide as their widest cell, two spaces apart; the last column is not padded. */
    private static String table(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows)
            for (int i = 0; i < columns; i++)
                widths[i] = Math.max(widths[i], row.get(i).length());
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) line.append("  ");
                String cell = row.get(i);
                if (i == columns - 1) line.append(cell);
                else if (RIGHT.contains(i))
                    line.append(" ".repeat(widths[i] - cell.length())).append(cell);
                else line.append(cell).append(" ".repeat(widths[i] - cell.length()));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }
}
