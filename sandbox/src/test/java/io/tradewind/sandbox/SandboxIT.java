package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.Reconcilers;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import io.tradewind.sandbox.console.ConsoleSandbox;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.PostedTrade;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The README's run command, on the sandbox the console's tests share ({@link ConsoleSandbox}), first, as it starts:
 * both regions start with every service of every app, and the whole loop runs: the generator's pairs are matched,
 * instructed, settled and confirmed back.
 */
@ExtendWith(ConsoleSandbox.class)
@Order(ConsoleSandbox.FIRST)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {
    /** The pairs the generator posts here, at the shared sandbox's rate (20 trades/s). */
    private static final int PAIRS = 150;

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static Sandbox sandbox;
    private static QueueProbe tradeStatuses;
    private static QueueProbe settlementStatuses;

    @BeforeAll
    static void watchTheStatusQueues() throws Exception {
        sandbox = ConsoleSandbox.get();
        EmulatedRegion primary = sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION);
        // Every participant's private status queue, watched as the operator watches them: it may read every queue.
        BrokerLogin operator = sandbox.localAws().login(ServiceIdentity.OPERATOR);
        tradeStatuses = QueueProbe.on(primary.brokerUri(), App.TRADE_MATCHING.everyStatusQueue(), operator);
        settlementStatuses = QueueProbe.on(primary.brokerUri(), App.SETTLEMENT_MATCHING.everyStatusQueue(), operator);
    }

    @AfterAll
    static void stopWatching() throws Exception {
        if (tradeStatuses != null) tradeStatuses.close();
        if (settlementStatuses != null) settlementStatuses.close();
    }

    @Test
    @Order(1)
    void startsBothRegionsAndEveryServiceAndPrintsTheEndpoints() {
        List<EmulatedRegion> regions = sandbox.localAws().regions();
        assertThat(regions).extracting(EmulatedRegion::name).containsExactly("us-east-1", "us-west-2");
        assertThat(sandbox.services())
                .hasSize(2 * Sandbox.APPS.size())
                .allSatisfy(service -> assertThat(service.isRunning()).isTrue());
        String banner = sandbox.describe();
        for (EmulatedRegion region : regions)
            assertThat(banner)
                    .contains(region.brokerUri().toString())
                    .contains(region.broker().amqpUri().toString())
                    .contains(region.broker().stompUri().toString())
                    .contains(region.kinesisEndpoint().toString())
                    .contains(region.dynamoDbEndpoint().toString())
                    .contains(region.postgresJdbcUrl());
        assertThat(banner).contains(sandbox.localAws().arc().endpoints().get(0).toString());
        assertThat(banner).as("the one ops console for both regions").contains("ops console  " + sandbox.consoleUrl());
        assertThat(sandbox.services())
                .extracting(s -> s.getEnvironment().getProperty("tradewind.region"))
                .containsOnly("us-east-1", "us-west-2");
        assertThat(banner).contains("replicated between the regions after 500 ms");
        ConfigurableApplicationContext tradeMatching = sandbox.services().get(0);
        assertThat(tradeMatching
                        .getBean(MeterRegistry.class)
                        .get("tradewind.replication.lag.millis")
                        .tag("store", "dynamodb")
                        .gauge()
                        .value())
                .as("the replication lag, as the dashboard reads it")
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(1)
    void onboardsTheDemoParticipantsInTheRegistryOfBothRegionsAndWritesTheirSecretsForItsOwnerOnly() throws Exception {
        Map<String, String> printed = DemoParticipants.passwords(sandbox.participants());
        assertThat(printed.keySet())
                .containsExactlyElementsOf(DemoParticipants.all().keySet());
        assertThat(sandbox.describe()).containsPattern("DESK001 +SETTLEMENT_DESK +" + printed.get("DESK001"));

        Path file = sandbox.credentialsFile();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SandboxCredentials.read(file)).containsAllEntriesOf(printed);

        // The console's users: an operator and a viewer, printed, and in an owner-only file beside the credentials.
        Map<String, String> consoleLogins = sandbox.consoleLogins();
        assertThat(consoleLogins.keySet()).containsExactly(DemoConsoleUsers.OPERATOR, DemoConsoleUsers.VIEWER);
        assertThat(sandbox.describe())
                .containsPattern("sre-operator +OPERATOR +" + consoleLogins.get(DemoConsoleUsers.OPERATOR))
                .containsPattern("sre-viewer +VIEWER +" + consoleLogins.get(DemoConsoleUsers.VIEWER));
        Path logins = file.resolveSibling(CommandLineSignIn.SANDBOX_LOGINS_FILE);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(logins)))
                .isEqualTo("rw-------");
        assertThat(SandboxCredentials.read(logins)).isEqualTo(consoleLogins);

        for (EmulatedRegion region : sandbox.localAws().regions()) {
            try (DynamoDbClient dynamoDb = new AwsClientFactory(
                            AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                    .dynamoDb()) {
                DynamoDbParticipantRegistry registry = DynamoDbParticipantRegistry.of(dynamoDb);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.list())
                        .extracting(participant -> participant.id().value())
                        .containsExactlyInAnyOrderElementsOf(printed.keySet()));
                assertThat(registry.find("IM042").orElseThrow().holds(Role.INVESTMENT_MANAGER))
                        .isTrue();
            }
        }
    }

    /**
     * The generator control turned On, then Off, posts a hundred-odd pairs of every kind; once the platform is quiet
     * every side has exactly the reports its kind implies (MATCHED pairs SETTLED on both sides), every instruction was
     * MATCHED and SETTLED exactly once (the first of each pair UNMATCHED before), and nothing is left between.
     */
    @Test
    @Order(2)
    void everyGeneratedPairReachesItsExpectedTerminalStatusThroughTheSettleLoop() throws Exception {
        int before = outcomes().size();
        sandbox.switchGenerator(true);
        try {
            await().atMost(TIMEOUT).until(() -> outcomes().size() >= before + PAIRS);
        } finally {
            sandbox.switchGenerator(false);
        }
        // The generator pauses once its gate reads the control Off: then no pair is added for a while.
        AtomicInteger lastCount = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        lastCount.getAndSet(outcomes().size()) == outcomes().size());
        List<ExpectedOutcome> all = outcomes();
        List<ExpectedOutcome> outcomes = all.subList(before, all.size());
        assertThat(outcomes.stream().map(ExpectedOutcome::kind).distinct())
                .containsExactlyInAnyOrder(PairKind.values());

        int tradeReports = 0;
        int instructions = 0;
        for (ExpectedOutcome outcome : outcomes) {
            tradeReports += expectedTradeReports(outcome);
            if (outcome.kind() == PairKind.MATCHED)
                instructions += 2 * outcome.investmentManager().allocationCount();
        }
        int expectedTradeReports = tradeReports;
        // Per allocation: the first instruction to arrive waits UNMATCHED, then both are MATCHED and SETTLED.
        int expectedSettlementReports = instructions / 2 * 5;
        await().atMost(TIMEOUT)
                .until(() -> tradeStatuses.total() >= expectedTradeReports
                        && settlementStatuses.total() >= expectedSettlementReports);
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);

        assertThat(tradeStatuses.duplicated())
                .as("trade reports delivered twice")
                .isEmpty();
        assertThat(settlementStatuses.duplicated())
                .as("settlement reports delivered twice")
                .isEmpty();
        assertThat(tradeStatuses.total()).isEqualTo(expectedTradeReports);
        assertThat(settlementStatuses.total()).isEqualTo(expectedSettlementReports);
        assertThat(tradeStatuses.received())
                .as("every trade report on the private queue of the side it is about")
                .allSatisfy(message -> assertThat(message.queue())
                        .isEqualTo(Queues.tradesStatusOf(
                                WireCodec.decodeStatusReport(message.body()).senderId())));
        assertThat(settlementStatuses.received())
                .as("every settlement report on the private queue of its instruction's party")
                .allSatisfy(message -> assertThat(message.queue())
                        .isEqualTo(Queues.settlementsStatusOf(WireCodec.decodeSettlementStatusReport(message.body())
                                .party())));

        Map<String, List<TradeStatus>> bySide = tradeStatuses.received().stream()
                .map(message -> WireCodec.decodeStatusReport(message.body()))
                .collect(Collectors.groupingBy(
                        report -> report.senderId() + "/" + report.tradeRef(),
                        Collectors.mapping(StatusReport::status, Collectors.toList())));
        List<String> wrong = new ArrayList<>();
        for (ExpectedOutcome outcome : outcomes)
            for (PostedTrade side : outcome.postedTrades()) {
                List<TradeStatus> statuses = bySide.getOrDefault(side.senderId() + "/" + side.tradeRef(), List.of());
                if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != outcome.expectedTerminalStatus())
                    wrong.add(outcome.pairId() + " " + outcome.kind() + " " + side.senderId() + ": " + statuses);
            }
        assertThat(wrong).as("sides not in their expected terminal status").isEmpty();

        Map<String, List<SettlementStatus>> byInstruction = settlementStatuses.received().stream()
                .map(message -> WireCodec.decodeSettlementStatusReport(message.body()))
                .collect(Collectors.groupingBy(
                        SettlementStatusReport::instructionId,
                        Collectors.mapping(SettlementStatusReport::status, Collectors.toList())));
        assertThat(byInstruction).hasSize(instructions);
        assertThat(byInstruction.values())
                .as("every instruction matched, then settled, and nothing else")
                .allSatisfy(statuses -> assertThat(statuses)
                        .isIn(
                                List.of(SettlementStatus.MATCHED, SettlementStatus.SETTLED),
                                List.of(
                                        SettlementStatus.UNMATCHED,
                                        SettlementStatus.MATCHED,
                                        SettlementStatus.SETTLED)));
        assertThat(Files.readAllLines(sandbox.generatorOutcomes())).hasSize(all.size());
    }

    /**
     * A gateway that journaled a pair and died before forwarding it (the region's broker lost with the messages):
     * reconciliation finds both inputs, and only them, among everything the generator left terminal, replays them, and
     * the pair is matched and settled exactly once; a second run finds nothing. Runs after the generator's test, whose
     * exact counts it would otherwise disturb.
     */
    @Test
    @Order(3)
    void reconciliationReplaysWhatALostGatewayLeftInTheJournalExactlyOnce() throws Exception {
        EmulatedRegion primary = sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION);
        AwsClientFactory clients = new AwsClientFactory(
                AwsSettings.local(primary.name(), primary.kinesisEndpoint(), primary.dynamoDbEndpoint()));
        try (DynamoDbClient dynamoDb = clients.dynamoDb();
                KinesisClient kinesis = clients.kinesis()) {
            List<JournalEntry> lost =
                    List.of(journaled("BRK001", SenderRole.BROKER), journaled("IM042", SenderRole.INVESTMENT_MANAGER));
            new DynamoDbInboundJournal(
                            dynamoDb,
                            "trade-matching-inbound-journal",
                            primary.name(),
                            DependencyGuard.forDependency("dynamodb"))
                    .recordAll(lost);
            int reportsBefore = tradeStatuses.total();
            Reconciler reconciler = Reconcilers.inRegion(
                    primary.name(),
                    dynamoDb,
                    kinesis,
                    () -> DriverManager.getConnection(
                            primary.postgresJdbcUrl(), primary.postgresUser(), primary.postgresPassword()),
                    Clock.systemUTC());

            assertThat(reconciler.outstanding("trade-matching", List.of("BRK001|RECON-B", "IM042|RECON-I", "NONE|X")))
                    .as("a key the journal does not hold is outstanding too")
                    .containsExactlyInAnyOrder("BRK001|RECON-B", "IM042|RECON-I", "NONE|X");

            ReconciliationRun first = reconciler.run(ReconciliationSettings.of("trade-matching"));
            assertThat(first.replayedKeys())
                    .as("only the lost inputs: everything the generator posted is terminal")
                    .containsExactlyInAnyOrder("BRK001|RECON-B", "IM042|RECON-I");
            assertThat(first.delivered()).isEqualTo(first.journaled() - 2);

            // UNMATCHED, then MATCHED twice, then SETTLED twice once settlement matching confirms both allocations.
            await().atMost(TIMEOUT).until(() -> tradeStatuses.total() >= reportsBefore + 5);
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(tradeStatuses.total()).isEqualTo(reportsBefore + 5);
            assertThat(tradeStatuses.duplicated()).isEmpty();
            assertThat(reconciler.outstanding("trade-matching", first.replayedKeys()))
                    .as("the replays, looked up by key, are terminal")
                    .isEmpty();
            assertThat(tradeStatuses.received().stream()
                            .map(message -> WireCodec.decodeStatusReport(message.body()))
                            .filter(report -> "RECON".equals(report.tradeRef()))
                            .map(StatusReport::status))
                    .containsExactlyInAnyOrder(
                            TradeStatus.UNMATCHED,
                            TradeStatus.MATCHED,
                            TradeStatus.MATCHED,
                            TradeStatus.SETTLED,
                            TradeStatus.SETTLED);

            ReconciliationRun second = reconciler.run(ReconciliationSettings.of("trade-matching"));
            assertThat(second.replayedKeys()).as("a second run finds nothing").isEmpty();
            assertThat(dynamoDb.scan(b -> b.tableName(App.TRADE_MATCHING.reconciliationAuditTable()))
                            .items())
                    .extracting(item -> item.get("runId").s())
                    .contains(first.runId(), second.runId());
        }
    }

    /**
     * Identity on the emulators, beside a legitimate pair: an unauthenticated connection, a participant reading another's
     * status queue and a forged confirmation are refused by the broker; an impersonated CANCEL, a role the sender does
     * not hold and a suspended sender are answered REJECTED NOT_AUTHORIZED on the true sender's own status queue; the
     * pair matches all the same and is never cancelled.
     */
    @Test
    @Order(4)
    void everyImpostorIsRefusedOrAnsweredNotAuthorizedAndTheLegitimatePairBesideThemMatches() throws Exception {
        EmulatedRegion primary = sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION);
        Map<String, String> secrets = DemoParticipants.passwords(sandbox.participants());
        ConnectionFactory broker = primary.brokerConnectionFactory();
        String run = "ID"
                + Long.toString(System.currentTimeMillis() % 1_679_616L, 36).toUpperCase();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThatThrownBy(() -> {
                    try (Connection anonymous = broker.createConnection()) {
                        anonymous.start();
                        anonymous.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    }
                })
                .as("an unauthenticated connection")
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> {
                    try (Connection brk002 = broker.createConnection("BRK002", secrets.get("BRK002"))) {
                        brk002.start();
                        Session session = brk002.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        session.createConsumer(session.createQueue(Queues.tradesStatusOf("BRK001")));
                    }
                })
                .as("reading another participant's status queue")
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> post(
                        broker,
                        "BRK002",
                        secrets,
                        Queues.SETTLEMENTS_CONFIRMATIONS,
                        "{\"messageId\":\"SC-" + run + "\",\"matchId\":\"M-" + run + "\"}"))
                .as("a forged confirmation")
                .isInstanceOf(JMSSecurityException.class);

        // A participant onboarded and suspended before it ever posts: no stage holds an earlier answer about it in its
        // cache, so its first message meets the suspension.
        String suspended = "SUS" + run;
        Map<String, String> logins = new java.util.HashMap<>(secrets);
        try (ParticipantWiring participants = ParticipantWiring.open(sandbox.runbookTopology(), null)) {
            logins.put(
                    suspended,
                    participants
                            .onboarding()
                            .add(suspended, java.util.Set.of(Role.BROKER))
                            .credentials()
                            .password());
            participants.onboarding().suspend(suspended);
        }
        post(broker, "BRK001", logins, Queues.TRADES_INBOUND, trade(run + "-B", "BRK001", "BROKER", run, today));
        post(broker, "BRK002", logins, Queues.TRADES_INBOUND, cancel(run + "-X", "BRK001", "BROKER", run));
        post(broker, "IM001", logins, Queues.TRADES_INBOUND, trade(run + "-R", "IM001", "BROKER", run + "R", today));
        post(
                broker,
                suspended,
                logins,
                Queues.TRADES_INBOUND,
                trade(run + "-S", suspended, "BROKER", run + "S", today));
        post(
                broker,
                "IM042",
                logins,
                Queues.TRADES_INBOUND,
                trade(run + "-I", "IM042", "INVESTMENT_MANAGER", run, today));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            // Whether BRK001 hears UNMATCHED first depends on whether both sides reach matching in one batch.
            assertThat(reportsOn("BRK001", run)).contains("MATCHED");
            assertThat(reportsOn("IM042", run)).contains("MATCHED");
            assertThat(notAuthorizedOn("BRK002"))
                    .anySatisfy(reason -> assertThat(reason).startsWith("senderId: senderId BRK001"));
            assertThat(notAuthorizedOn("IM001"))
                    .anySatisfy(reason -> assertThat(reason).startsWith("senderRole: IM001 does not hold"));
            assertThat(notAuthorizedOn(suspended)).contains("senderId: " + suspended + " is suspended");
        });
        assertThat(reportsOn("BRK001", run))
                .as("the impostor's CANCEL cancelled nothing")
                .doesNotContain("CANCELLED");
    }

    private static void post(
            ConnectionFactory broker, String sender, Map<String, String> secrets, String queue, String body)
            throws JMSException {
        try (Connection connection = broker.createConnection(sender, secrets.get(sender))) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(body));
            session.commit();
        }
    }

    /** The statuses the reports on {@code participant}'s own queue give for {@code tradeRef}, in arrival order. */
    private static List<String> reportsOn(String participant, String tradeRef) {
        return tradeStatuses.received().stream()
                .filter(message -> message.queue().equals(Queues.tradesStatusOf(participant)))
                .map(message -> WireCodec.decodeStatusReport(message.body()))
                .filter(report -> tradeRef.equals(report.tradeRef()))
                .map(report -> report.status().name())
                .toList();
    }

    /** The NOT_AUTHORIZED reasons on {@code participant}'s own queue, as "field: detail". */
    private static List<String> notAuthorizedOn(String participant) {
        return tradeStatuses.received().stream()
                .filter(message -> message.queue().equals(Queues.tradesStatusOf(participant)))
                .map(message -> WireCodec.decodeStatusReport(message.body()))
                .flatMap(report -> report.reasons().stream())
                .filter(reason -> RejectionCode.NOT_AUTHORIZED.name().equals(reason.code()))
                .map(reason -> reason.field() + ": " + reason.ours())
                .toList();
    }

    private static String trade(String messageId, String sender, String role, String tradeRef, LocalDate today) {
        return "{\"messageId\":\"" + messageId + "\",\"messageType\":\"NEW\",\"senderId\":\"" + sender
                + "\",\"senderRole\":\"" + role + "\",\"tradeRef\":\"" + tradeRef
                + "\",\"executingBroker\":\"BRK001\",\"investmentManager\":\"IM042\",\"side\":\"BUY\","
                + "\"security\":\"US0378331005\",\"quantity\":777,\"price\":\"187.2500\",\"currency\":\"USD\","
                + "\"tradeDate\":\"" + today + "\",\"settlementDate\":\"" + today.plusDays(2)
                + "\",\"netAmount\":\"145493.25\","
                + "\"allocations\":[{\"allocationId\":\"1\",\"account\":\"ACC-ID\",\"quantity\":777}]}";
    }

    private static String cancel(String messageId, String sender, String role, String tradeRef) {
        return "{\"messageId\":\"" + messageId + "\",\"messageType\":\"CANCEL\",\"senderId\":\"" + sender
                + "\",\"senderRole\":\"" + role + "\",\"tradeRef\":\"" + tradeRef + "\"}";
    }

    private static JournalEntry journaled(String sender, SenderRole role) {
        String messageId = sender + "|" + (role == SenderRole.BROKER ? "RECON-B" : "RECON-I");
        String body = WireCodec.encode(new TradeMessage(
                messageId.substring(sender.length() + 1),
                MessageType.NEW,
                sender,
                role,
                "RECON",
                "BRK001",
                "IM042",
                Side.BUY,
                "FR0000121014",
                700,
                new BigDecimal("712.4000"),
                "EUR",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 24),
                new BigDecimal("498680.00"),
                List.of(new Allocation("1", "RECON-ACC-1", 400), new Allocation("2", "RECON-ACC-2", 300))));
        return new JournalEntry(
                        messageId,
                        body,
                        "BRK001|IM042|BUY|FR0000121014|2026-11-20|700",
                        "ID:lost-" + sender,
                        Instant.now(),
                        "trades.inbound",
                        body.length())
                .sentBy(sender); // as the broker authenticated it: a replay is judged by the same identity
    }

    /**
     * The reports trade matching sends a pair: the first side of a two-sided pair is UNMATCHED until its counterpart
     * arrives; a matched pair is then MATCHED and SETTLED on both sides, a mismatched one MISMATCHED on both.
     */
    private static int expectedTradeReports(ExpectedOutcome outcome) {
        return switch (outcome.kind()) {
            case MATCHED -> 1 + 2 + 2;
            case MISMATCHED -> 1 + 2;
            case UNMATCHED -> outcome.postedTrades().size();
        };
    }

    private static List<ExpectedOutcome> outcomes() {
        return Files.exists(sandbox.generatorOutcomes())
                ? JsonLinesOutcomeRecorder.read(sandbox.generatorOutcomes())
                : List.of();
    }
}
