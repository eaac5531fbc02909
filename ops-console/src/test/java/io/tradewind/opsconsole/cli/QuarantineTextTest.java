package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.quarantine.HeldInput;
import io.tradewind.opsconsole.quarantine.QuarantineDesk;
import io.tradewind.opsconsole.quarantine.QuarantineEntry;
import io.tradewind.opsconsole.quarantine.ReplayOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineTextTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:15:02.120456Z");

    private static QuarantineEntry entry(String id, String app, String detail, int size, Instant at, int replays) {
        return new QuarantineEntry(
                id,
                app,
                "ingestion",
                app + "-ingestion",
                "BRK001|IM042",
                "REFUSED_BY_POSTGRES",
                detail,
                size,
                at,
                replays == 0 ? null : at.plusSeconds(60),
                replays);
    }

    @Test
    void listsOneAlignedLinePerEntryWithTheTotal() {
        QuarantineDesk.Listing listing = new QuarantineDesk.Listing(
                List.of(
                        entry("ingestion|shard-0|49002", "trade-matching", "SQLState 22001: too long", 412, AT, 2),
                        entry("i|1", "settlement-matching", "value\nover two lines", 7, AT.minusSeconds(3600), 0)),
                5,
                Map.of("trade-matching", "us-east-1"));

        List<String> lines = QuarantineText.listing(listing).lines().toList();

        assertThat(lines.get(0)).isEqualTo("read from trade-matching in us-east-1's database");
        assertThat(lines.get(1)).startsWith("ID                       APP                  STAGE      SOURCE");
        assertThat(lines.get(2))
                .isEqualTo("ingestion|shard-0|49002  trade-matching       ingestion  trade-matching-ingestion       "
                        + "REFUSED_BY_POSTGRES  2026-12-07T09:15:02.120Z    412        2  SQLState 22001: too long");
        assertThat(lines.get(3))
                .startsWith("i|1                      settlement-matching  ingestion  settlement-matching-ingestion")
                .contains("2026-12-07T08:15:02.120Z      7        0  ")
                .endsWith("value\\nover two lines");
        assertThat(lines.get(4)).isEqualTo("2 of 5 entries, the newest (--limit, --since for others)");
    }

    @Test
    void cutsADetailToOneLineOfAHundredCharacters() {
        QuarantineDesk.Listing listing = new QuarantineDesk.Listing(
                List.of(entry("a", "trade-matching", "x".repeat(500), 1, AT, 0)), 1, Map.of());

        String line = QuarantineText.listing(listing).lines().toList().get(2);

        assertThat(line).endsWith("x".repeat(99) + "…").doesNotContain("x".repeat(100));
    }

    @Test
    void anEmptyListingSaysSo() {
        String text =
                QuarantineText.listing(new QuarantineDesk.Listing(List.of(), 0, Map.of("trade-matching", "us-west-2")));

        assertThat(text)
                .isEqualTo(
                        "read from trade-matching in us-west-2's database" + System.lineSeparator() + "0 of 0 entries");
    }

    @Test
    void showsAnEntryWithItsPayloadCutAtTheLimitAndItsFullSize() {
        byte[] payload = ("{\"note\":\"" + "a".repeat(5_000) + "\u001b[2J\"}").getBytes(StandardCharsets.UTF_8);
        QuarantineEntry entry = entry("ingestion|shard-0|49002", "trade-matching", "too long", payload.length, AT, 1);

        String text = QuarantineText.entry(
                new QuarantineDesk.Shown(new HeldInput(entry, payload), "us-east-1"),
                QuarantineText.PAYLOAD_BYTES_SHOWN);

        assertThat(text)
                .contains("id              ingestion|shard-0|49002")
                .contains("app             trade-matching (read from us-east-1's database)")
                .contains("partition key   BRK001|IM042")
                .contains("replayed        1 time, last at 2026-12-07T09:16:02.120Z")
                .contains("payload         5015 bytes, UTF-8 text; the first 4096 bytes:")
                .contains("{\"note\":\"aaaa")
                .endsWith("a" + System.lineSeparator() + "[... 5015 bytes in all]")
                .doesNotContain("\u001b");
    }

    @Test
    void showsAPayloadThatIsNotUtf8WithItsBytesEscaped() {
        byte[] payload = {'{', (byte) 0xFF, '}'};
        QuarantineEntry entry = new QuarantineEntry(
                "gw|1", "trade-matching", "inbound-gateway", "trades.inbound", null, "UNDECODABLE", "", 3, AT, null, 0);

        String text = QuarantineText.entry(new QuarantineDesk.Shown(new HeldInput(entry, payload), "us-east-1"), 4096);

        assertThat(text)
                .contains("partition key   -")
                .contains("replayed        never")
                .contains("payload         3 bytes, not UTF-8 throughout (other bytes shown as \\xNN):")
                .endsWith("{\\xFF}");
    }

    @Test
    void saysWhereAReplayWentAndHowTheEntryRecordsIt() {
        QuarantineEntry entry = entry("ingestion|shard-0|49002", "trade-matching", "too long", 412, AT, 3);
        ReplayOutcome.Replayed replayed = new ReplayOutcome.Replayed(
                entry,
                "us-east-1",
                "us-west-2",
                new ReplayOutcome.PutOnStream(
                        "trade-matching-ingestion", "BRK001|IM042", "shardId-000000000001", "4965"));

        String text = QuarantineText.replayed(replayed, "alice@desk");

        assertThat(Arrays.asList(text.split(System.lineSeparator())))
                .containsExactly(
                        "replayed trade-matching quarantine entry ingestion|shard-0|49002 (stage ingestion, 412 bytes,"
                                + " REFUSED_BY_POSTGRES) into us-west-2, the active region:",
                        "  put onto stream trade-matching-ingestion under partition key BRK001|IM042 (shard"
                                + " shardId-000000000001, sequence number 4965)",
                        "  recorded in us-east-1's database: replay 3 at 2026-12-07T09:16:02.120Z",
                        "  logged as an action of operator alice@desk (the runbook's audit table records rotations"
                                + " only)");
    }
}
