package io.tradewind.tradematching.pipeline;

import static io.tradewind.tradematching.pipeline.TradeMessages.aBrokerTrade;
import static io.tradewind.tradematching.pipeline.TradeMessages.anInvestmentManagerTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.topology.App;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.tradematching.TradeMatchingApplication;
import jakarta.jms.ConnectionFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * All five trade-matching stages in one JVM on the emulators: a mixed set posted to {@code trades.inbound} gets every
 * status report and settlement instruction it should, exactly once, and replaying it changes nothing.
 */
@ExtendWith(LocalAwsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TradeMatchingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static ConfigurableApplicationContext app;
    private static DynamoDbClient registryClient;
    private static LocalAws aws;
    private static URI brokerUri;
    private static ConnectionFactory confirmer;
    private static QueueProbe statuses;
    private static QueueProbe instructions;

    @BeforeAll
    static void startTradeMatching(LocalAws aws) throws Exception {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        // Whoever the tests post as is in the registry the stages read, as onboarding puts them there.
        registryClient = new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .dynamoDb();
        DynamoDbParticipantRegistry registry = DynamoDbParticipantRegistry.of(registryClient);
        registry.provision();
        aws.onOnboard(registry::addIfAbsent);
        var standby = aws.region(LocalAwsConfig.SECONDARY_REGION);
        TradeMatchingIT.aws = aws;
        brokerUri = region.brokerUri();
        // Every participant's private status queue (those the reports create included), watched as the operator
        // watches them; confirmations are posted as settlement matching posts them.
        ConnectionFactory operator = QueueProbe.broker(brokerUri, aws.login(ServiceIdentity.OPERATOR));
        confirmer = QueueProbe.broker(brokerUri, aws.login(ServiceIdentity.SETTLEMENT_MATCHING));
        statuses = new QueueProbe(operator, App.TRADE_MATCHING.everyStatusQueue());
        instructions = new QueueProbe(operator, "settlements.inbound");
        app = new SpringApplicationBuilder(TradeMatchingApplication.class)
                .properties(ServiceProperties.forRegion(aws, region.name(), "trade-matching"))
                // As in the sandbox, instructions follow settlement matching's inbound controls (On in this region).
                .properties(Map.of(
                        "tradewind.trade-matching.settlement-region-brokers." + region.name(),
                        region.brokerUri().toString(),
                        "tradewind.trade-matching.settlement-region-brokers." + standby.name(),
                        standby.brokerUri().toString()))
                .properties(Map.of(
                        "tradewind.trade-matching.routing-control-poll-interval", "200ms",
                        // As CancelOrderIT's, whichever of the two creates the streams in this JVM.
                        "tradewind.trade-matching.shards", "4",
                        // A cancel of a trade never booked is answered UNKNOWN_TRADE once this has passed.
                        "tradewind.trade-matching.cancel-grace", "2s",
                        "spring.main.web-application-type", "servlet",
                        "server.port", "0",
                        "server.address", "127.0.0.1"))
                .run();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (registryClient != null) registryClient.close();
        if (statuses != null) statuses.close();
        if (instructions != null) instructions.close();
    }

    private static final String T2_SECURITY = "US0231351067";
    private static final List<String> PHASE_ONE = phaseOne();

    private static List<String> phaseOne() {
        List<String> bodies = new ArrayList<>();
        bodies.add(aBrokerTrade("T1").json()); // matched pair
        bodies.add(anInvestmentManagerTrade("T1").json());
        bodies.add(aBrokerTrade("T1").json()); // the broker sends the same message twice
        // A mismatched pair: the price differs beyond 4 dp. Under its own security: with T1's, either manager's side
        // could pair with either broker's (the closest price, then the earliest booked), and which ingestion shard
        // books
        // a trade first is not fixed.
        bodies.add(aBrokerTrade("T2").withSecurity(T2_SECURITY).json());
        bodies.add(anInvestmentManagerTrade("T2")
                .withSecurity(T2_SECURITY)
                .withPrice("187.2600")
                .json());
        bodies.add(aBrokerTrade("T3").withSecurity("US5949181045").json()); // no counterpart
        bodies.add(aBrokerTrade("T3")
                .withSecurity("US5949181045")
                .withMessageId("BRK001-T3-again")
                .json());
        bodies.add(aBrokerTrade("T4").withSecurity("US88160R1014").json()); // cancelled later
        String valid = aBrokerTrade("B0").json();
        bodies.add("{\"messageId\":\"BAD-01\",\"senderId\":\"BRK009\",\"quantity\":"); // malformed JSON
        bodies.add(valid.replace("\"price\":\"187.2500\",", "").replace("BRK001-B0", "BAD-02"));
        bodies.add(valid.replace("{\"messageId\"", "{\"colour\":\"red\",\"messageId\"")
                .replace("BRK001-B0", "BAD-03"));
        bodies.add(valid.replace("\"quantity\":1000", "\"quantity\":\"1000\"").replace("BRK001-B0", "BAD-04"));
        bodies.add(valid.replace("\"quantity\":1000", "\"quantity\":0").replace("BRK001-B0", "BAD-05"));
        bodies.add(
                valid.replace("\"price\":\"187.2500\"", "\"price\":\"-1.00\"").replace("BRK001-B0", "BAD-06"));
        bodies.add(valid.replace("\"quantity\":400", "\"quantity\":300").replace("BRK001-B0", "BAD-07"));
        bodies.add(valid.replace("\"settlementDate\":\"2026-11-23\"", "\"settlementDate\":\"2026-11-19\"")
                .replace("BRK001-B0", "BAD-08"));
        bodies.add(valid.replace("\"messageType\":\"NEW\"", "\"messageType\":\"AMEND\"")
                .replace("BRK001-B0", "BAD-09"));
        bodies.add(valid.replace("\"senderRole\":\"BROKER\"", "\"senderRole\":\"CUSTODIAN\"")
                .replace("BRK001-B0", "BAD-10"));
        bodies.add(valid.replace("{\"messageId\"", "{\"padding\":\"" + "x".repeat(300 * 1024) + "\",\"messageId\"")
                .replace("BRK001-B0", "BAD-11"));
        bodies.add(TradeMessages.cancel("BRK001", SenderRole.BROKER, "NO-SUCH-TRADE", "BAD-12"));
        return bodies;
    }

    private static void awaitExactly(QueueProbe probe, int expected) {
        try {
            await().atMost(TIMEOUT).until(() -> probe.total() >= expected);
        } catch (org.awaitility.core.ConditionTimeoutException short_) {
            throw new AssertionError("expected " + expected + " messages, got " + probe.total() + ": "
                    + probe.received().stream()
                            .map(m -> m.queue() + " "
                                    + m.body()
                                            .substring(0, Math.min(160, m.body().length())))
                            .toList());
        }
        await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
        assertThat(probe.duplicated()).as("message ids delivered twice").isEmpty();
        assertThat(probe.total()).isEqualTo(expected);
    }

    private static Map<String, List<TradeStatus>> statusesByTradeRef() {
        return reports().stream()
                .filter(report -> report.tradeRef() != null && report.status() != TradeStatus.REJECTED)
                .collect(Collectors.groupingBy(
                        report -> report.senderId() + "/" + report.tradeRef(),
                        Collectors.mapping(StatusReport::status, Collectors.toList())));
    }

    /**
     * Both sides of a pair got {@code outcome}, and the side matching decided first was UNMATCHED before: which side that
     * is depends on which ingestion shard (they are partitioned by trade id) got to it first.
     */
    private static void assertPairDecided(Map<String, List<TradeStatus>> byTrade, String ref, TradeStatus outcome) {
        assertThat(List.of(byTrade.get("BRK001/" + ref), byTrade.get("IM042/" + ref)))
                .as(ref + " as each side saw it")
                .containsExactlyInAnyOrder(List.of(TradeStatus.UNMATCHED, outcome), List.of(outcome));
    }

    private static List<TradeStatus> followedBy(List<TradeStatus> statuses, TradeStatus next) {
        List<TradeStatus> all = new ArrayList<>(statuses);
        all.add(next);
        return all;
    }

    private static List<StatusReport> reports() {
        return statuses.received().stream()
                .map(message -> WireCodec.decodeStatusReport(message.body()))
                .toList();
    }

    private static StatusReport rejectionOf(String inReplyTo) {
        return reports().stream()
                .filter(report -> report.status() == TradeStatus.REJECTED && inReplyTo.equals(report.inReplyTo()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no REJECTED report in reply to " + inReplyTo));
    }

    private static List<String> codes(StatusReport report) {
        return report.reasons().stream().map(r -> r.field() + ":" + r.code()).toList();
    }

    @Test
    @Order(1)
    void answersEveryInputExactlyOnceAndReplayingChangesNothing() throws Exception {
        QueueProbe.postAsSenders(aws, brokerUri, "trades.inbound", PHASE_ONE);
        // T1: 3 (the side booked first UNMATCHED, then both MATCHED), T2: 3, T3: 1 + its duplicate ref, T4: 1, 12 bad
        // inputs.
        awaitExactly(statuses, 3 + 3 + 1 + 1 + 1 + 12);
        awaitExactly(instructions, 4);

        Map<String, List<TradeStatus>> byTrade = statusesByTradeRef();
        assertPairDecided(byTrade, "T1", TradeStatus.MATCHED);
        assertPairDecided(byTrade, "T2", TradeStatus.MISMATCHED);
        List<TradeStatus> brokerT2 = byTrade.get("BRK001/T2");
        List<TradeStatus> managerT2 = byTrade.get("IM042/T2");
        assertThat(byTrade.get("BRK001/T3")).containsExactly(TradeStatus.UNMATCHED);
        assertThat(byTrade.get("BRK001/T4")).containsExactly(TradeStatus.UNMATCHED);

        StatusReport mismatch = reports().stream()
                .filter(r ->
                        r.status() == TradeStatus.MISMATCHED && r.senderId().equals("IM042"))
                .findFirst()
                .orElseThrow();
        assertThat(mismatch.reasons()).containsExactly(new StatusReason("price", "DIFFERENT", "187.2600", "187.2500"));
        assertThat(mismatch.counterpartyTradeRef()).isEqualTo("T2");
        StatusReport matched = reports().stream()
                .filter(r -> r.status() == TradeStatus.MATCHED && r.senderId().equals("BRK001"))
                .findFirst()
                .orElseThrow();
        assertThat(matched.matchId()).startsWith("M-");
        assertThat(statuses.received())
                .as("each report on the private queue of the sender it answers; no property names anyone")
                .allSatisfy(message -> {
                    StatusReport report = WireCodec.decodeStatusReport(message.body());
                    String recipient = report.senderId() == null ? "unknown" : report.senderId();
                    assertThat(message.queue()).isEqualTo("trades.status." + recipient);
                    assertThat(message.properties()).doesNotContainKey("recipient");
                });
        assertThat(statuses.received())
                .extracting(QueueProbe.Received::queue)
                .contains("trades.status.BRK001", "trades.status.IM042");

        assertThat(codes(rejectionOf("BRK001-T3-again"))).containsExactly("tradeRef:DUPLICATE_TRADE_REF");
        assertThat(codes(rejectionOf("BAD-02"))).containsExactly("price:MISSING");
        assertThat(codes(rejectionOf("BAD-03"))).containsExactly("colour:UNKNOWN_FIELD");
        assertThat(codes(rejectionOf("BAD-04"))).contains("quantity:WRONG_TYPE");
        assertThat(codes(rejectionOf("BAD-05"))).contains("quantity:NOT_POSITIVE");
        assertThat(codes(rejectionOf("BAD-06"))).containsExactly("price:NOT_POSITIVE");
        assertThat(codes(rejectionOf("BAD-07"))).containsExactly("allocations:ALLOCATIONS_DO_NOT_SUM");
        assertThat(codes(rejectionOf("BAD-08"))).containsExactly("settlementDate:SETTLEMENT_BEFORE_TRADE_DATE");
        assertThat(codes(rejectionOf("BAD-09"))).containsExactly("messageType:UNKNOWN_VALUE");
        assertThat(codes(rejectionOf("BAD-10"))).containsExactly("senderRole:UNKNOWN_VALUE");
        assertThat(codes(rejectionOf("BAD-11"))).containsExactly("body:TOO_LARGE");
        assertThat(codes(rejectionOf("BAD-12"))).containsExactly("tradeRef:UNKNOWN_TRADE");
        assertThat(rejectionOf("BAD-12").tradeRef()).isEqualTo("NO-SUCH-TRADE");
        // A body that does not parse names no id we could trust: the report answers the broker's id, to the
        // participant the broker authenticated as its sender.
        StatusReport malformed = reports().stream()
                .filter(r -> codes(r).equals(List.of("body:MALFORMED_JSON")))
                .collect(Collectors.toList())
                .get(0);
        assertThat(malformed.inReplyTo()).startsWith("ID:");
        assertThat(statuses.received())
                .filteredOn(message -> message.body().contains("MALFORMED_JSON"))
                .singleElement()
                .satisfies(message -> assertThat(message.queue()).isEqualTo("trades.status." + malformed.senderId()));

        List<SettlementInstruction> sent = instructions.received().stream()
                .map(message -> WireCodec.decodeInstruction(message.body()))
                .toList();
        assertThat(sent)
                .extracting(SettlementInstruction::direction)
                .containsExactlyInAnyOrder(Direction.DELIVER, Direction.RECEIVE, Direction.DELIVER, Direction.RECEIVE);
        assertThat(sent).filteredOn(i -> i.direction() == Direction.DELIVER).allSatisfy(i -> assertThat(i.party())
                .isEqualTo("BRK001"));
        assertThat(sent)
                .filteredOn(i -> i.allocationId().equals("1") && i.direction() == Direction.RECEIVE)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.party()).isEqualTo("ACC-1");
                    assertThat(i.counterparty()).isEqualTo("BRK001");
                    assertThat(i.quantity()).isEqualTo(600);
                    assertThat(i.settlementAmount()).isEqualByComparingTo(new BigDecimal("112350.00"));
                });

        // Cancels: an unmatched trade, one side of a mismatched pair, and a trade that is already cancelled.
        QueueProbe.postAsSenders(
                aws,
                brokerUri,
                "trades.inbound",
                List.of(
                        TradeMessages.cancel("BRK001", SenderRole.BROKER, "T4", "BRK001-C1"),
                        TradeMessages.cancel("IM042", SenderRole.INVESTMENT_MANAGER, "T2", "IM042-C2")));
        awaitExactly(statuses, 21 + 3);
        QueueProbe.postAsSenders(
                aws,
                brokerUri,
                "trades.inbound",
                List.of(TradeMessages.cancel("BRK001", SenderRole.BROKER, "T4", "BRK001-C3")));
        awaitExactly(statuses, 24 + 1);
        byTrade = statusesByTradeRef();
        assertThat(byTrade.get("BRK001/T4")).containsExactly(TradeStatus.UNMATCHED, TradeStatus.CANCELLED);
        assertThat(byTrade.get("IM042/T2")).isEqualTo(followedBy(managerT2, TradeStatus.CANCELLED));
        assertThat(byTrade.get("BRK001/T2")).isEqualTo(followedBy(brokerT2, TradeStatus.UNMATCHED));
        assertThat(codes(rejectionOf("BRK001-C3"))).containsExactly("tradeRef:ALREADY_CANCELLED");

        // Replay every identifiable message: journaled again, forwarded again, and answered by nothing new.
        List<String> replay = new ArrayList<>(PHASE_ONE.subList(0, 8));
        replay.addAll(PHASE_ONE.subList(9, PHASE_ONE.size()));
        replay.add(TradeMessages.cancel("BRK001", SenderRole.BROKER, "T4", "BRK001-C1"));
        replay.add(TradeMessages.cancel("IM042", SenderRole.INVESTMENT_MANAGER, "T2", "IM042-C2"));
        QueueProbe.postAsSenders(aws, brokerUri, "trades.inbound", replay);
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> true);
        awaitExactly(statuses, 25);
        awaitExactly(instructions, 4);

        // Each stage's meters, as the dashboard reads them.
        assertThat(meter("tradewind.stage.records.rejected", "trade-matching-ingestion"))
                .as("inputs rejected by ingestion (replays answered again, sent once)")
                .isGreaterThanOrEqualTo(12);
        assertThat(meter("tradewind.stage.records.in", "trade-matching-inbound-gateway"))
                .isEqualTo(PHASE_ONE.size() + 3 + replay.size());
        assertThat(meter("tradewind.stage.records.out", "trade-matching-outbound-gateway"))
                .isEqualTo(25 + 4);
        assertThat(meter("tradewind.stage.lag.millis", "trade-matching-matching"))
                .isGreaterThanOrEqualTo(0);
        assertThat(meter("tradewind.stage.processing", "trade-matching-egress")).isPositive();
    }

    /**
     * The settle loop: a MATCHED pair becomes SETTLED on both sides once settlement matching has confirmed every
     * allocation, exactly once however often a confirmation arrives; a settled trade refuses a cancel. Runs after the
     * first test, so it counts on from that test's 25 reports and 4 instructions.
     */
    @Test
    @Order(2)
    void settlesBothSidesOnceEveryAllocationIsConfirmed() throws Exception {
        QueueProbe.postAsSenders(
                aws,
                brokerUri,
                "trades.inbound",
                List.of(
                        aBrokerTrade("S1").withSecurity("GB0002374006").json(),
                        anInvestmentManagerTrade("S1")
                                .withSecurity("GB0002374006")
                                .json()));
        awaitExactly(statuses, 25 + 3);
        awaitExactly(instructions, 4 + 4);
        SettlementInstruction first = instructions.received().stream()
                .map(message -> WireCodec.decodeInstruction(message.body()))
                .filter(i -> i.security().equals("GB0002374006") && i.direction() == Direction.DELIVER)
                .filter(i -> i.allocationId().equals("1"))
                .findFirst()
                .orElseThrow();
        String matchId = first.matchId();

        QueueProbe.post(confirmer, "settlements.confirmations", List.of(confirmation(matchId, "1", "SC-A")));
        await().pollDelay(QUIET).atMost(QUIET.plusSeconds(5)).until(() -> true);
        assertThat(statuses.total())
                .as("one of two allocations settled: no news yet")
                .isEqualTo(28);

        String last = confirmation(matchId, "2", "SC-B");
        QueueProbe.post(
                confirmer,
                "settlements.confirmations",
                List.of(last, last, confirmation(matchId, "2", "SC-B-again"), "{\"messageId\":\"SC-BAD\"}"));
        awaitExactly(statuses, 28 + 2);
        Map<String, List<TradeStatus>> byTrade = statusesByTradeRef();
        assertThat(List.of(byTrade.get("BRK001/S1"), byTrade.get("IM042/S1")))
                .as("the side decided first waited UNMATCHED")
                .containsExactlyInAnyOrder(
                        List.of(TradeStatus.UNMATCHED, TradeStatus.MATCHED, TradeStatus.SETTLED),
                        List.of(TradeStatus.MATCHED, TradeStatus.SETTLED));
        assertThat(reports()).filteredOn(r -> r.status() == TradeStatus.SETTLED).allSatisfy(r -> {
            assertThat(r.inReplyTo()).isEqualTo("SC-B");
            assertThat(r.matchId()).isEqualTo(matchId);
        });

        QueueProbe.postAsSenders(
                aws,
                brokerUri,
                "trades.inbound",
                List.of(TradeMessages.cancel("BRK001", SenderRole.BROKER, "S1", "BRK001-CS1")));
        awaitExactly(statuses, 30 + 1);
        assertThat(codes(rejectionOf("BRK001-CS1"))).containsExactly("tradeRef:ALREADY_SETTLED");
        awaitExactly(instructions, 8);
    }

    /**
     * Every session of the app's pool carries the server-side bounds, and the health endpoint reports each stage's
     * attempts: all of them getting through, once the traffic above has settled.
     */
    @Test
    @Order(3)
    void boundsEveryWaitOnItsDatabaseAndReportsItsStagesInItsHealth() throws Exception {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SHOW statement_timeout", String.class)).isEqualTo("15s");
        assertThat(jdbc.queryForObject("SHOW lock_timeout", String.class)).isEqualTo("5s");

        var health = io.tradewind.model.wire.WireJson.mapper().readTree(get("/actuator/health"));
        assertThat(health.path("status").asText()).isEqualTo("UP");
        var stages = health.path("components").path("stages");
        assertThat(stages.path("status").asText()).isEqualTo("UP");
        assertThat(stages.path("details")
                        .path("stages")
                        .path("trade-matching-matching")
                        .has("attemptSeconds"))
                .as(stages.toString())
                .isTrue();
    }

    private static String confirmation(String matchId, String allocationId, String messageId) {
        return WireCodec.encode(new SettlementConfirmation(
                messageId,
                "SM-" + allocationId,
                matchId,
                allocationId,
                matchId + "-" + allocationId + "-DELIVER",
                matchId + "-" + allocationId + "-RECEIVE"));
    }

    /** Reads one meter of one stage from the actuator endpoint, as the dashboard does. */
    private static double meter(String name, String stage) throws Exception {
        var measurements = io.tradewind.model.wire.WireJson.mapper()
                .readTree(get("/actuator/metrics/" + name + "?tag=stage:" + stage))
                .get("measurements");
        return measurements.get(0).get("value").asDouble();
    }

    private static String get(String path) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
