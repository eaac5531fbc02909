package io.tradewind.settlementmatching.pipeline;

import static io.tradewind.settlementmatching.pipeline.Instructions.aDelivery;
import static io.tradewind.settlementmatching.pipeline.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.topology.App;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.model.wire.WireJson;
import io.tradewind.settlementmatching.SettlementMatchingApplication;
import io.tradewind.settlementmatching.domain.SettlementMatchIds;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All five settlement-matching stages in one JVM on the emulators: a mixed set of instructions posted to
 * {@code settlements.inbound} gets every status report, each on its party's private queue
 * {@code settlements.status.<party>}, and every confirmation on
 * {@code settlements.confirmations} it should, exactly once, and replaying it changes nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class SettlementMatchingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final String INGESTION = "settlement-matching-ingestion";

    private static ConfigurableApplicationContext app;
    private static ConnectionFactory broker;
    private static QueueProbe statuses;
    private static QueueProbe confirmations;

    // Each scenario has its own pair of parties, so no instruction is a candidate for another scenario's.
    /** Amounts 2.00 apart with the larger at the 100,000 threshold: within the CSDR tolerance, matched and settled. */
    private static final Instructions MATCHED_DELIVERY =
            aDelivery("P1").between("BRK001", "IM001").withAmount("100000.00");

    private static final Instructions MATCHED_RECEIPT =
            aReceipt("P1").between("BRK001", "IM001").withAmount("99998.00");
    /** Amounts 2.01 apart: one cent outside the tolerance. */
    private static final Instructions AMOUNT_DELIVERY =
            aDelivery("P2").between("BRK002", "IM002").withAmount("100000.00");

    private static final Instructions AMOUNT_RECEIPT =
            aReceipt("P2").between("BRK002", "IM002").withAmount("99997.99");
    private static final Instructions QUANTITY_DELIVERY =
            aDelivery("P3").between("BRK003", "IM003").withQuantity(600);
    private static final Instructions QUANTITY_RECEIPT =
            aReceipt("P3").between("BRK003", "IM003").withQuantity(500);
    /** No counterpart ever comes. */
    private static final Instructions LONE = aDelivery("P4").between("BRK004", "IM004");
    /** Another message of the same party for the instruction LONE booked. */
    private static final Instructions REUSED_ID =
            aDelivery("P4").between("BRK004", "IM004").withMessageId("BRK004-AGAIN");
    /** Another party's message that happens to reuse LONE's messageId and instructionId: a different input. */
    private static final Instructions OTHER_PARTY_SAME_IDS = aDelivery("P4")
            .between("BRK008", "IM008")
            .withMessageId(LONE.messageId())
            .withInstructionId(LONE.instructionId());

    private static final String MALFORMED = "{\"messageId\":\"BAD-01\",\"party\":\"DESK9\",\"quantity\":";
    /** An instruction that breaks the contract, and the one reason it is rejected for. */
    private record Invalid(Instructions instruction, String reason) {}

    private static final List<Invalid> INVALID = List.of(
            new Invalid(bad("BAD-02").without("settlementAmount"), "settlementAmount:MISSING"),
            new Invalid(bad("BAD-03").withRaw("colour", "\"red\""), "colour:UNKNOWN_FIELD"),
            new Invalid(bad("BAD-04").withRaw("quantity", "\"600\""), "quantity:WRONG_TYPE"),
            new Invalid(bad("BAD-05").withQuantity(0), "quantity:NOT_POSITIVE"),
            new Invalid(bad("BAD-06").withSecurity("US0378331006"), "security:INVALID_CHECK_DIGIT"),
            new Invalid(
                    bad("BAD-07").withIntendedSettlementDate("2026-11-19"),
                    "intendedSettlementDate:SETTLEMENT_BEFORE_TRADE_DATE"),
            new Invalid(bad("BAD-08").between("DESK9", "DESK9"), "counterparty:SAME_PARTY"),
            // Over the contract's 256 KiB: journaled whole and refused by the decoder, or over 300 KiB and truncated.
            new Invalid(bad("BAD-09").withRaw("padding", "\"" + "x".repeat(270 * 1024) + "\""), "body:TOO_LARGE"),
            new Invalid(bad("BAD-10").withRaw("padding", "\"" + "x".repeat(310 * 1024) + "\""), "body:TOO_LARGE"));

    /** The journal key of an instruction this test posts: trade matching sends them all, as its egress does. */
    private static String keyOf(Instructions instruction) {
        return ServiceIdentity.TRADE_MATCHING.user() + "|" + instruction.messageId();
    }

    private static Instructions bad(String messageId) {
        return aDelivery(messageId).between("DESK9", "DESK8").withMessageId(messageId);
    }

    private static final List<String> PHASE_ONE = phaseOne();

    private static List<String> phaseOne() {
        List<String> bodies = new ArrayList<>();
        bodies.add(MATCHED_DELIVERY.json());
        bodies.add(MATCHED_RECEIPT.json());
        bodies.add(MATCHED_DELIVERY.json()); // the desk sends the same message twice
        bodies.add(AMOUNT_DELIVERY.json());
        bodies.add(AMOUNT_RECEIPT.json());
        bodies.add(QUANTITY_DELIVERY.json());
        bodies.add(QUANTITY_RECEIPT.json());
        bodies.add(LONE.json());
        bodies.add(REUSED_ID.json());
        bodies.add(MALFORMED);
        INVALID.forEach(invalid -> bodies.add(invalid.instruction().json()));
        return bodies;
    }

    /** Every report phase one should produce, but the malformed body's (whose id holds the broker's message id). */
    private static final int REPORTS = 5 + 3 + 3 + 1 + 1 + INVALID.size();

    @BeforeAll
    static void startSettlementMatching(LocalAws aws) throws Exception {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        var standby = aws.region(LocalAwsConfig.SECONDARY_REGION);
        // Instructions come from trade matching's egress (its identity posts them); every party's private status queue
        // (those the reports create included) is watched as the operator watches them.
        broker = QueueProbe.broker(region.brokerUri(), aws.login(ServiceIdentity.TRADE_MATCHING));
        statuses = new QueueProbe(
                QueueProbe.broker(region.brokerUri(), aws.login(ServiceIdentity.OPERATOR)),
                App.SETTLEMENT_MATCHING.everyStatusQueue());
        confirmations = new QueueProbe(broker, "settlements.confirmations");
        app = new SpringApplicationBuilder(SettlementMatchingApplication.class)
                .properties(ServiceProperties.forRegion(aws, region.name(), "settlement-matching"))
                // As in the sandbox, confirmations follow trade matching's inbound controls (On in this region).
                .properties(Map.of(
                        "tradewind.settlement-matching.trade-matching-region-brokers." + region.name(),
                        region.brokerUri().toString(),
                        "tradewind.settlement-matching.trade-matching-region-brokers." + standby.name(),
                        standby.brokerUri().toString()))
                .properties(Map.of(
                        "tradewind.settlement-matching.routing-control-poll-interval", "200ms",
                        "spring.main.web-application-type", "servlet",
                        "server.port", "0",
                        "server.address", "127.0.0.1"))
                .run();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (statuses != null) statuses.close();
        if (confirmations != null) confirmations.close();
    }

    private static void awaitExactly(QueueProbe probe, int expected) {
        await().atMost(TIMEOUT).until(() -> probe.total() >= expected);
        await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
        assertThat(probe.duplicated()).as("message ids delivered twice").isEmpty();
        assertThat(probe.total()).isEqualTo(expected);
    }

    private static Map<String, QueueProbe.Received> byMessageId(QueueProbe probe) {
        return probe.received().stream().collect(Collectors.toMap(QueueProbe.Received::messageId, Function.identity()));
    }

    /**
     * The report with this id, checked against how it arrived: the same id, on the private queue of its party, and no
     * JMS property naming a recipient.
     */
    private static SettlementStatusReport report(String messageId) {
        QueueProbe.Received message = byMessageId(statuses).get(messageId);
        assertThat(message).as("report " + messageId).isNotNull();
        SettlementStatusReport report = WireCodec.decodeSettlementStatusReport(message.body());
        assertThat(report.messageId()).isEqualTo(messageId);
        assertThat(message.queue())
                .as("queue of " + messageId)
                .isEqualTo("settlements.status." + (report.party() == null ? "unknown" : report.party()));
        assertThat(message.properties()).as("properties of " + messageId).doesNotContainKey("recipient");
        return report;
    }

    /** A status report about a booked instruction, at {@code version}. */
    private static SettlementStatusReport reportOf(Instructions instruction, int version, SettlementStatus status) {
        SettlementStatusReport report = report(SettlementEvent.reportId(instruction.instructionId(), version, status));
        assertThat(report.status()).isEqualTo(status);
        assertThat(report.instructionId()).isEqualTo(instruction.instructionId());
        assertThat(report.party()).isEqualTo(instruction.party());
        assertThat(report.inReplyTo()).isEqualTo(instruction.messageId());
        return report;
    }

    private static void assertPaired(
            SettlementStatusReport report,
            Instructions counterpart,
            String settlementMatchId,
            StatusReason... reasons) {
        assertThat(report.counterpartyInstructionId()).isEqualTo(counterpart.instructionId());
        assertThat(report.settlementMatchId()).isEqualTo(settlementMatchId);
        assertThat(report.reasons()).containsExactly(reasons);
    }

    /** An UNMATCHED instruction waits with no counterpart, no settlement match and nothing wrong. */
    private static void assertWaiting(SettlementStatusReport report) {
        assertThat(report.counterpartyInstructionId()).isNull();
        assertThat(report.settlementMatchId()).isNull();
        assertThat(report.reasons()).isEmpty();
    }

    private static List<String> codes(SettlementStatusReport report) {
        return report.reasons().stream().map(r -> r.field() + ":" + r.code()).toList();
    }

    /** The ids phase one's reports must have, but the malformed body's. */
    private static Set<String> expectedReportIds() {
        Set<String> ids = new HashSet<>();
        ids.add(SettlementEvent.reportId(MATCHED_DELIVERY.instructionId(), 1, SettlementStatus.UNMATCHED));
        ids.add(SettlementEvent.reportId(MATCHED_DELIVERY.instructionId(), 2, SettlementStatus.MATCHED));
        ids.add(SettlementEvent.reportId(MATCHED_DELIVERY.instructionId(), 3, SettlementStatus.SETTLED));
        ids.add(SettlementEvent.reportId(MATCHED_RECEIPT.instructionId(), 1, SettlementStatus.MATCHED));
        ids.add(SettlementEvent.reportId(MATCHED_RECEIPT.instructionId(), 2, SettlementStatus.SETTLED));
        for (Instructions first : List.of(AMOUNT_DELIVERY, QUANTITY_DELIVERY)) {
            ids.add(SettlementEvent.reportId(first.instructionId(), 1, SettlementStatus.UNMATCHED));
            ids.add(SettlementEvent.reportId(first.instructionId(), 2, SettlementStatus.MISMATCHED));
        }
        for (Instructions second : List.of(AMOUNT_RECEIPT, QUANTITY_RECEIPT))
            ids.add(SettlementEvent.reportId(second.instructionId(), 1, SettlementStatus.MISMATCHED));
        ids.add(SettlementEvent.reportId(LONE.instructionId(), 1, SettlementStatus.UNMATCHED));
        ids.add("SR-" + keyOf(REUSED_ID));
        INVALID.forEach(invalid -> ids.add("SR-" + keyOf(invalid.instruction())));
        return ids;
    }

    @Test
    void answersEveryInstructionExactlyOnceAndReplayingChangesNothing() throws Exception {
        QueueProbe.post(broker, "settlements.inbound", PHASE_ONE);
        awaitExactly(statuses, REPORTS + 1);
        awaitExactly(confirmations, 1);

        Set<String> ids = byMessageId(statuses).keySet();
        // The malformed body names no messageId: it is journaled under its sender and the broker's id.
        String underBrokerId = "SR-" + ServiceIdentity.TRADE_MATCHING.user() + "|ID:";
        assertThat(ids).filteredOn(id -> id.startsWith(underBrokerId)).hasSize(1);
        assertThat(ids)
                .filteredOn(id -> !id.startsWith(underBrokerId))
                .containsExactlyInAnyOrderElementsOf(expectedReportIds());

        // The matched pair: the first to arrive waits, then both are matched and settled at once.
        String matchId = SettlementMatchIds.of(MATCHED_DELIVERY.instructionId(), MATCHED_RECEIPT.instructionId());
        assertWaiting(reportOf(MATCHED_DELIVERY, 1, SettlementStatus.UNMATCHED));
        assertPaired(reportOf(MATCHED_RECEIPT, 1, SettlementStatus.MATCHED), MATCHED_DELIVERY, matchId);
        assertPaired(reportOf(MATCHED_DELIVERY, 2, SettlementStatus.MATCHED), MATCHED_RECEIPT, matchId);
        assertPaired(reportOf(MATCHED_RECEIPT, 2, SettlementStatus.SETTLED), MATCHED_DELIVERY, matchId);
        assertPaired(reportOf(MATCHED_DELIVERY, 3, SettlementStatus.SETTLED), MATCHED_RECEIPT, matchId);

        // Mismatched pairs: each side is told its own value first.
        assertWaiting(reportOf(AMOUNT_DELIVERY, 1, SettlementStatus.UNMATCHED));
        assertPaired(
                reportOf(AMOUNT_RECEIPT, 1, SettlementStatus.MISMATCHED),
                AMOUNT_DELIVERY,
                null,
                new StatusReason("settlementAmount", "OUTSIDE_TOLERANCE", "99997.99", "100000.00"));
        assertPaired(
                reportOf(AMOUNT_DELIVERY, 2, SettlementStatus.MISMATCHED),
                AMOUNT_RECEIPT,
                null,
                new StatusReason("settlementAmount", "OUTSIDE_TOLERANCE", "100000.00", "99997.99"));
        assertWaiting(reportOf(QUANTITY_DELIVERY, 1, SettlementStatus.UNMATCHED));
        assertPaired(
                reportOf(QUANTITY_RECEIPT, 1, SettlementStatus.MISMATCHED),
                QUANTITY_DELIVERY,
                null,
                new StatusReason("quantity", "DIFFERENT", "500", "600"));
        assertPaired(
                reportOf(QUANTITY_DELIVERY, 2, SettlementStatus.MISMATCHED),
                QUANTITY_RECEIPT,
                null,
                new StatusReason("quantity", "DIFFERENT", "600", "500"));

        assertWaiting(reportOf(LONE, 1, SettlementStatus.UNMATCHED));

        // Rejections: each to the party the body named, in reply to its message id.
        SettlementStatusReport reused = report("SR-" + keyOf(REUSED_ID));
        assertThat(reused.status()).isEqualTo(SettlementStatus.REJECTED);
        assertThat(reused.party()).isEqualTo("BRK004");
        assertThat(reused.inReplyTo()).isEqualTo("BRK004-AGAIN");
        assertThat(reused.instructionId()).isEqualTo(LONE.instructionId());
        assertThat(reused.reasons())
                .containsExactly(new StatusReason(
                        "instructionId",
                        "DUPLICATE_INSTRUCTION_ID",
                        LONE.instructionId(),
                        "booked by message " + LONE.messageId()));
        for (Invalid invalid : INVALID) {
            Instructions instruction = invalid.instruction();
            SettlementStatusReport rejected = report("SR-" + keyOf(instruction));
            assertThat(rejected.status()).as(instruction.messageId()).isEqualTo(SettlementStatus.REJECTED);
            // A body too large to keep names no party any more, and trade matching, which sent it, is no participant.
            assertThat(rejected.party())
                    .as(instruction.messageId())
                    .isEqualTo(invalid.reason().equals("body:TOO_LARGE") ? null : "DESK9");
            assertThat(rejected.inReplyTo()).isEqualTo(instruction.messageId());
            assertThat(codes(rejected)).as(instruction.messageId()).containsExactly(invalid.reason());
        }
        // A body that does not parse names nobody: the report goes to "unknown" and answers the broker's id.
        String malformedId = ids.stream()
                .filter(id -> id.startsWith(underBrokerId))
                .findFirst()
                .orElseThrow();
        SettlementStatusReport malformed = report(malformedId);
        assertThat(malformed.status()).isEqualTo(SettlementStatus.REJECTED);
        assertThat(malformed.party()).isNull();
        assertThat(malformed.inReplyTo()).startsWith("ID:");
        assertThat(codes(malformed)).containsExactly("body:MALFORMED_JSON");

        // One confirmation for the one settled pair, to trade matching.
        assertThat(confirmations.received()).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo("SC-" + matchId);
            assertThat(message.queue()).isEqualTo("settlements.confirmations");
            assertThat(message.properties()).doesNotContainKey("recipient");
            assertThat(WireCodec.decodeConfirmation(message.body()))
                    .isEqualTo(new SettlementConfirmation(
                            "SC-" + matchId,
                            matchId,
                            "M-P1",
                            "1",
                            MATCHED_DELIVERY.instructionId(),
                            MATCHED_RECEIPT.instructionId()));
        });
        assertThat(meter("tradewind.stage.records.in", INGESTION)).isEqualTo(PHASE_ONE.size());

        // Another party reusing a booked instruction's ids sends a different input (its journal key differs): it is
        // refused, not taken for a replay. Posted after LONE is booked: parties decide the shard, so in one phase
        // either message could be booked first.
        QueueProbe.post(broker, "settlements.inbound", List.of(OTHER_PARTY_SAME_IDS.json()));
        awaitExactly(statuses, REPORTS + 2);
        // Message ids are unique per authenticated sender: trade matching reused one with other content.
        SettlementStatusReport otherParty = statuses.received().stream()
                .map(message -> WireCodec.decodeSettlementStatusReport(message.body()))
                .filter(report -> "BRK008".equals(report.party()))
                .findFirst()
                .orElseThrow();
        assertThat(otherParty.reasons()).extracting(StatusReason::code).containsExactly("DUPLICATE_ID_CONFLICT");
        int posted = PHASE_ONE.size() + 1;

        // Replay every identifiable message: journaled again, forwarded again, and answered by nothing new.
        List<String> replay = new ArrayList<>(PHASE_ONE);
        replay.remove(MALFORMED);
        replay.add(OTHER_PARTY_SAME_IDS.json());
        QueueProbe.post(broker, "settlements.inbound", replay);
        await().atMost(TIMEOUT).until(() -> meter("tradewind.stage.records.in", INGESTION) >= posted + replay.size());
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> true);
        awaitExactly(statuses, REPORTS + 2);
        awaitExactly(confirmations, 1);

        // Each stage's meters, as the dashboard reads them.
        assertThat(meter("tradewind.stage.records.in", "settlement-matching-inbound-gateway"))
                .isEqualTo(posted + replay.size());
        assertThat(meter("tradewind.stage.records.in", INGESTION)).isEqualTo(posted + replay.size());
        assertThat(meter("tradewind.stage.records.rejected", INGESTION))
                .as("inputs rejected by ingestion (replays answered again, sent once)")
                .isGreaterThanOrEqualTo((INVALID.size() + 2) + (INVALID.size() + 1));
        assertThat(meter("tradewind.stage.records.out", "settlement-matching-outbound-gateway"))
                .as("every report and the confirmation, sent once")
                .isEqualTo(REPORTS + 2 + 1);
    }

    /** Reads one meter of one stage from the actuator endpoint, as the dashboard does. */
    private static double meter(String name, String stage) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + name
                                        + "?tag=stage:" + stage))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(name + " of " + stage).isEqualTo(200);
        return WireJson.mapper()
                .readTree(response.body())
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }
}
