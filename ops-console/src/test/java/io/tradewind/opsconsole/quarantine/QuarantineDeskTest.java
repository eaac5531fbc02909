package io.tradewind.opsconsole.quarantine;

import static io.tradewind.opsconsole.quarantine.QuarantineFake.EAST;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.NOW;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.SM;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.TM;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.WEST;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.entry;
import static io.tradewind.opsconsole.quarantine.QuarantineFake.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.PutOnStream;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Reason;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Refused;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.Replayed;
import io.tradewind.opsconsole.quarantine.ReplayOutcome.SentToQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuarantineDeskTest {
    private final QuarantineFake regions = new QuarantineFake();
    private final QuarantineDesk desk = regions.desk();

    private static final String TRADE = "{\"messageId\":\"BRK001-0000001\",\"quantity\":1000}";

    private void holdIngestionEntry(String region, String id) {
        regions.hold(
                region,
                entry(TM, id, "ingestion", "trade-matching-ingestion", "BRK001|IM042", utf8(TRADE).length, NOW),
                utf8(TRADE));
    }

    @Test
    void putsAStreamEntryOntoItsStreamInTheActiveRegionUnderItsPartitionKeyAndRecordsTheReplay() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");
        regions.controls.put(App.TRADE_MATCHING.processingControl(EAST), false);
        regions.controls.put(App.TRADE_MATCHING.processingControl(WEST), true);

        ReplayOutcome outcome = desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice@desk");

        assertThat(regions.put).containsExactly("us-west-2/trade-matching-ingestion [BRK001|IM042] " + TRADE);
        assertThat(regions.sent).isEmpty();
        Replayed replayed = (Replayed) outcome;
        assertThat(replayed.activeRegion()).isEqualTo(WEST);
        assertThat(replayed.databaseRegion()).isEqualTo(EAST);
        assertThat(replayed.delivery())
                .isEqualTo(
                        new PutOnStream("trade-matching-ingestion", "BRK001|IM042", "shardId-000000000000", "49651"));
        assertThat(replayed.entry().replayCount()).isEqualTo(1);
        assertThat(regions.stored(EAST, TM, "ingestion|shard-0|49001").orElseThrow())
                .extracting(QuarantineEntry::replayCount, QuarantineEntry::replayedAt)
                .containsExactly(1, NOW);
    }

    @Test
    void sendsAnInboundGatewayEntryToItsQueueAsTextAndBytesThatAreNotUtf8AsABytesMessage() {
        byte[] notUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        regions.hold(
                EAST,
                entry(TM, "gw|BRK001|1", "inbound-gateway", "trades.inbound", null, utf8(TRADE).length, NOW),
                utf8(TRADE));
        regions.hold(EAST, entry(TM, "gw|SM|2", "inbound-gateway", "settlements.confirmations", null, 4, NOW), notUtf8);

        Replayed text = (Replayed) desk.replay(TM, Optional.empty(), "gw|BRK001|1", "alice");
        Replayed bytes = (Replayed) desk.replay(TM, Optional.empty(), "gw|SM|2", "alice");

        assertThat(regions.sent)
                .containsExactly(
                        "us-east-1/trades.inbound text " + TRADE, "us-east-1/settlements.confirmations bytes 7bc3287d");
        assertThat(text.delivery()).isEqualTo(new SentToQueue("trades.inbound", true, "ID:1"));
        assertThat(bytes.delivery()).isEqualTo(new SentToQueue("settlements.confirmations", false, "ID:2"));
        assertThat(regions.put).isEmpty();
    }

    @Test
    void aSecondReplayCountsTwo() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");

        desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice");
        Replayed again = (Replayed) desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "bob");

        assertThat(again.entry().replayCount()).isEqualTo(2);
        assertThat(regions.put).hasSize(2);
    }

    @Test
    void refusesAnIdTheWritersCopyDoesNotHoldAndDoesNothing() {
        holdIngestionEntry(WEST, "only-in-the-standby");

        ReplayOutcome outcome = desk.replay(TM, Optional.empty(), "only-in-the-standby", "alice");

        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).reason()).isEqualTo(Reason.UNKNOWN_ID);
        assertThat(((Refused) outcome).message())
                .contains("only-in-the-standby", "trade-matching", "us-east-1", "nothing was replayed");
        assertNothingWentOut();
    }

    @Test
    void refusesAnEntryOfAStageTheAppsDoNotHave() {
        regions.hold(EAST, entry(TM, "x|1", "settlement", "trade-matching-settlement", "k", 2, NOW), utf8("{}"));

        assertRefused(desk.replay(TM, Optional.empty(), "x|1", "alice"), Reason.UNKNOWN_STAGE, "'settlement'");
        assertThat(regions.stored(EAST, TM, "x|1").orElseThrow().replayCount()).isZero();
    }

    @Test
    void refusesAnEntryWhoseSourceIsNotWhatItsStageReads() {
        regions.hold(EAST, entry(TM, "gw|1", "inbound-gateway", "settlements.inbound", null, 2, NOW), utf8("{}"));
        regions.hold(EAST, entry(TM, "m|1", "matching", "settlement-matching-matching", "k", 2, NOW), utf8("{}"));

        assertRefused(
                desk.replay(TM, Optional.empty(), "gw|1", "alice"), Reason.SOURCE_NOT_OF_STAGE, "settlements.inbound");
        assertRefused(
                desk.replay(TM, Optional.empty(), "m|1", "alice"),
                Reason.SOURCE_NOT_OF_STAGE,
                "trade-matching-matching");
    }

    @Test
    void refusesAStreamEntryWithoutAPartitionKey() {
        regions.hold(EAST, entry(TM, "e|1", "egress", "trade-matching-egress", null, 2, NOW), utf8("{}"));

        assertRefused(desk.replay(TM, Optional.empty(), "e|1", "alice"), Reason.NO_PARTITION_KEY, "e|1");
    }

    @Test
    void refusesWhenTheAppHasNoActiveRegionOrMoreThanOne() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");
        regions.controls.put(App.TRADE_MATCHING.processingControl(EAST), false);

        assertRefused(
                desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice"),
                Reason.NO_ACTIVE_REGION,
                "trade-matching has no active region");

        regions.controls.put(App.TRADE_MATCHING.processingControl(EAST), true);
        regions.controls.put(App.TRADE_MATCHING.processingControl(WEST), true);
        assertRefused(
                desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice"),
                Reason.SEVERAL_ACTIVE_REGIONS,
                "[us-east-1, us-west-2]");
    }

    @Test
    void aPutThatFailsRecordsNoReplay() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");
        regions.putFails = true;

        assertThatThrownBy(() -> desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice"))
                .hasMessageContaining("kinesis does not answer");
        assertThat(regions.stored(EAST, TM, "ingestion|shard-0|49001")
                        .orElseThrow()
                        .replayCount())
                .isZero();
    }

    @Test
    void aRecordThatFailsAfterThePutSaysTheInputWentOutAndWhere() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");
        regions.commitFails = true;

        assertThatThrownBy(() -> desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice"))
                .hasMessageContaining("was replayed into us-east-1")
                .hasMessageContaining("put onto stream trade-matching-ingestion")
                .hasMessageContaining("its replay count does not show it")
                .hasMessageContaining("connection reset at commit");
        assertThat(regions.put).hasSize(1);
    }

    @Test
    void everyReplayIsLoggedWithItsOperator() {
        holdIngestionEntry(EAST, "ingestion|shard-0|49001");
        Logger logger = (Logger) LoggerFactory.getLogger(QuarantineDesk.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            desk.replay(TM, Optional.empty(), "ingestion|shard-0|49001", "alice@desk\u001b[2J");
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("operator alice@desk\\u001B[2J replayed trade-matching quarantine entry")
                .contains("ingestion|shard-0|49001", "into us-east-1", "replay 1 recorded at " + NOW));
    }

    @Test
    void listsEveryAppsWritersCopyNewestFirstCutAtTheLimitWithTheTotal() {
        regions.writers.put(SM, WEST);
        for (int i = 0; i < 3; i++) {
            regions.hold(EAST, entry(TM, "tm-" + i, "ingestion", "s", "k", 1, NOW.plusSeconds(i * 10)), utf8("x"));
            regions.hold(WEST, entry(SM, "sm-" + i, "matching", "s", "k", 1, NOW.plusSeconds(i * 10 + 5)), utf8("x"));
        }
        regions.hold(WEST, entry(TM, "tm-in-the-standby-only", "ingestion", "s", "k", 1, NOW), utf8("x"));

        QuarantineDesk.Listing listing = desk.list(List.of(TM, SM), Optional.empty(), Optional.empty(), 4);

        assertThat(listing.entries())
                .extracting(QuarantineEntry::quarantineId)
                .containsExactly("sm-2", "tm-2", "sm-1", "tm-1");
        assertThat(listing.total()).isEqualTo(6);
        assertThat(listing.databaseRegions()).containsEntry(TM, EAST).containsEntry(SM, WEST);
    }

    @Test
    void listsTheNamedRegionsCopySinceAnInstant() {
        regions.hold(WEST, entry(TM, "old", "ingestion", "s", "k", 1, NOW.minus(Duration.ofHours(2))), utf8("x"));
        regions.hold(WEST, entry(TM, "new", "ingestion", "s", "k", 1, NOW), utf8("x"));

        QuarantineDesk.Listing listing =
                desk.list(List.of(TM), Optional.of(WEST), Optional.of(NOW.minus(Duration.ofHours(1))), 50);

        assertThat(listing.entries()).extracting(QuarantineEntry::quarantineId).containsExactly("new");
        assertThat(listing.total()).isEqualTo(1);
        assertThatThrownBy(() -> desk.list(List.of(TM), Optional.of("eu-west-9"), Optional.empty(), 5))
                .hasMessageContaining("unknown region eu-west-9");
    }

    private void assertRefused(ReplayOutcome outcome, Reason reason, String inMessage) {
        assertThat(outcome).isInstanceOf(Refused.class);
        assertThat(((Refused) outcome).reason()).isEqualTo(reason);
        assertThat(((Refused) outcome).message()).contains(inMessage).contains("nothing was replayed");
        assertNothingWentOut();
    }

    private void assertNothingWentOut() {
        assertThat(regions.put).isEmpty();
        assertThat(regions.sent).isEmpty();
    }
}
