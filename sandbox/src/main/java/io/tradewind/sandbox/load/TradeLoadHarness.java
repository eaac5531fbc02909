package io.tradewind.sandbox.load;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.sandbox.DemoParticipants;
import io.tradewind.sandbox.Sandbox;
import io.tradewind.sandbox.stop.OrderedShutdown;
import io.tradewind.sandbox.stop.ShutdownSignals;
import io.tradewind.settlementmatching.SettlementMatchingApplication;
import io.tradewind.tradematching.TradeMatchingApplication;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Posts matched trade pairs to {@code trades.inbound} at a steady rate and measures, for every trade message, the time
 * from its commit on the broker to the first status report that answers it, and for every pair the time from its
 * second side to its MATCHED report; with {@code --settle}, settlement matching runs too and each trade is measured to
 * its SETTLED report. Runs the emulators and the apps in this process, on free ports. It onboards BRK001 and IM042 as
 * the sandbox does, and posts each side of a pair as its sender, on a connection authenticated as that participant.
 */
@Command(
        name = "load-test",
        mixinStandardHelpOptions = true,
        description = "Pushes N trade pairs through trade matching and prints throughput and latency percentiles.")
public final class TradeLoadHarness implements Callable<Integer> {

    @Option(names = "--pairs", defaultValue = "5000", description = "Trade pairs to post. Default: ${DEFAULT-VALUE}")
    int pairs;

    @Option(
            names = "--rate",
            defaultValue = "500",
            description = "Trade messages per second to post (two per pair). Default: ${DEFAULT-VALUE}")
    int messagesPerSecond;

    @Option(
            names = "--tls",
            description = "The broker serves ssl:// with a certificate made at start, and every client uses it.")
    boolean tls;

    @Option(names = "--shards", defaultValue = "2", description = "Shards per stream. Default: ${DEFAULT-VALUE}")
    int shards;

    @Option(
            names = "--inbound-consumers",
            defaultValue = "1",
            description = "Concurrent consumers of each inbound queue (trades, instructions, confirmations). Default:"
                    + " ${DEFAULT-VALUE}")
    int inboundConsumers;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "Give up waiting after this (ISO-8601).")
    Duration timeout;

    @Option(
            names = "--warmup-pairs",
            defaultValue = "1000",
            description = "Pairs posted and awaited before measuring, so the JIT and the consumers are warm."
                    + " Default: ${DEFAULT-VALUE}")
    int warmupPairs;

    @Option(
            names = "--settle",
            description = "Run the full loop: settlement matching too, and measure until every trade is SETTLED.")
    boolean settle;

    @Option(
            names = "--allocations",
            defaultValue = "2",
            description = "Allocations per trade (each becomes two settlement instructions). Default: ${DEFAULT-VALUE}")
    int allocations;

    @Option(
            names = "--cpu-detail",
            description = "Also print the thread groups and processes that used the most CPU per trade.")
    boolean cpuDetail;

    @Option(names = "--work-dir", defaultValue = "target/load-test", description = "Emulator files (wiped).")
    Path workDir;

    /** Who posts: each pair's broker side, then its investment manager side. */
    static final List<String> SENDERS = List.of("BRK001", "IM042");

    private static final String EXECUTING_BROKER = SENDERS.get(0);
    private static final String INVESTMENT_MANAGER = SENDERS.get(1);
    /** How many accounts the investment manager books allocations to: a bounded book, as the trade generator's. */
    private static final int ACCOUNTS = 16;

    private Map<String, String> passwords = Map.of();
    private final Map<String, Long> postedAtNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> firstReportNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> matchedNanos = new ConcurrentHashMap<>();
    /** When each trade message's trade (by sender and ref, keyed like its message id) was reported SETTLED. */
    private final Map<String, Long> settledNanos = new ConcurrentHashMap<>();

    private final AtomicLong settlementReports = new AtomicLong();
    private final AtomicLong reports = new AtomicLong();

    /** The emulators, once started. */
    private volatile LocalAws aws;
    /** The services and clients started on the emulators, by name, stopped before them. Guarded by this. */
    private final Map<String, AutoCloseable> running = new LinkedHashMap<>();
    /** The ordered shutdown, once it was asked for: nothing starts after that. Guarded by this. */
    private OrderedShutdown stopping;

    @Override
    public Integer call() throws Exception {
        // Before anything starts: Ctrl-C stops what has started, in order, however far the run got.
        ShutdownSignals.install(() -> shutdown().run(), this::kill);
        try {
            return run();
        } finally {
            shutdown().run();
        }
    }

    private Integer run() throws Exception {
        // Global tables and global databases replicate on AWS's machines, not ours: the emulated replication stays off
        // while measuring.
        LocalAws aws = keepEmulators(LocalAws.start(
                LocalAwsConfig.ephemeral(workDir).withReplicationLag(null).withTls(tls)));
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        passwords = onboardSenders(aws);
        Map<String, Object> properties =
                new java.util.LinkedHashMap<>(ServiceProperties.forRegion(aws, region.name(), App.TRADE_MATCHING.id()));
        properties.put("tradewind.trade-matching.shards", shards);
        properties.put("tradewind.trade-matching.inbound-consumers", inboundConsumers);
        properties.put("tradewind.trade-matching.routing-control-poll-interval", "200ms");
        Map<String, Object> settlementProperties = new java.util.LinkedHashMap<>(
                ServiceProperties.forRegion(aws, region.name(), App.SETTLEMENT_MATCHING.id()));
        settlementProperties.put("tradewind.settlement-matching.shards", shards);
        settlementProperties.put("tradewind.settlement-matching.inbound-consumers", inboundConsumers);
        settlementProperties.put("tradewind.settlement-matching.routing-control-poll-interval", "200ms");
        ConfigurableApplicationContext app = keep(
                App.TRADE_MATCHING.id(),
                new SpringApplicationBuilder(TradeMatchingApplication.class)
                        .properties(properties)
                        .registerShutdownHook(false)
                        .run());
        ConfigurableApplicationContext settlement = settle
                ? keep(
                        App.SETTLEMENT_MATCHING.id(),
                        new SpringApplicationBuilder(SettlementMatchingApplication.class)
                                .properties(settlementProperties)
                                .registerShutdownHook(false)
                                .run())
                : null;
        // Reports are read as the operator reads them; each pair's sides are posted by their own counterparties. Over
        // ssl:// with --tls.
        ConnectionFactory broker = loggedIn(region, aws.login(ServiceIdentity.OPERATOR));
        ConnectionFactory counterparties = loggedIn(region, null);
        keep("status reports' listener", listen(broker));
        keep("settlement queues' drain", drain(broker));
        warmUp(counterparties);
        Set<Integer> brokerPorts = aws.regions().stream()
                .flatMap(emulated -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(emulated.tcpBrokerUri()), emulated.sslBrokerUri().stream()))
                .map(java.net.URI::getPort)
                .collect(Collectors.toSet());
        int result = measure(counterparties, brokerPorts);
        printStageTimes(app.getBean(io.micrometer.core.instrument.MeterRegistry.class));
        if (settlement != null) printStageTimes(settlement.getBean(io.micrometer.core.instrument.MeterRegistry.class));
        return result;
    }

    /**
     * The load test's ordered shutdown, as things stand now: the clients and services side by side, then the emulators.
     * From the first call on, every call returns the same one and nothing starts any more.
     */
    private synchronized OrderedShutdown shutdown() {
        if (stopping == null) {
            OrderedShutdown.Builder steps = OrderedShutdown.of("the load test").step(OrderedShutdown.services(running));
            if (aws != null) steps.steps(OrderedShutdown.emulators(aws));
            stopping = steps.build();
        }
        return stopping;
    }

    /** Keeps {@code started} for the shutdown, or closes it now if the shutdown began meanwhile. */
    private synchronized <T extends AutoCloseable> T keep(String name, T started) throws Exception {
        if (stopping != null) {
            started.close();
            throw new IllegalStateException("the load test stopped while " + name + " started");
        }
        running.put(name, started);
        return started;
    }

    private synchronized LocalAws keepEmulators(LocalAws started) {
        if (stopping != null) {
            OrderedShutdown.of("the load test's emulators")
                    .steps(OrderedShutdown.emulators(started))
                    .build()
                    .run();
            throw new IllegalStateException("the load test stopped while its emulators started");
        }
        aws = started;
        return started;
    }

    /** Kills the emulators' processes at once (for a JVM that halts). */
    private void kill() {
        LocalAws started = aws;
        if (started != null) started.kill();
    }

    private Connection listen(ConnectionFactory broker) throws Exception {
        Connection connection = broker.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        // As the two counterparties read theirs: each its own private queue, on one session so one thread stamps both.
        MessageListener onReport = message -> {
            long now = System.nanoTime();
            try {
                StatusReport report = WireCodec.decodeStatusReport(((TextMessage) message).getText());
                reports.incrementAndGet();
                firstReportNanos.putIfAbsent(report.inReplyTo(), now);
                if (report.status() == TradeStatus.MATCHED) matchedNanos.putIfAbsent(report.tradeRef(), now);
                if (report.status() == TradeStatus.SETTLED)
                    settledNanos.putIfAbsent(report.senderId() + "-" + report.tradeRef(), now);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (String participant : List.of(EXECUTING_BROKER, INVESTMENT_MANAGER))
            session.createConsumer(session.createQueue(Queues.tradesStatusOf(participant)))
                    .setMessageListener(onReport);
        connection.start();
        return connection;
    }

    /**
     * Settlement desks read their reports, and without settlement matching its gateway's place is taken here: a queue
     * that only grows makes the broker's index ever more costly, which production never sees. On a connection of its
     * own, so the broker's work for this wildcard consumer (each acknowledgement wakes every queue it reads) never
     * delays, or times out, the connection whose timestamps are measured.
     */
    private Connection drain(ConnectionFactory broker) throws Exception {
        Connection connection = broker.createConnection();
        Session drain = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        drain.createConsumer(drain.createQueue(App.SETTLEMENT_MATCHING.everyStatusQueue()))
                .setMessageListener(message -> settlementReports.incrementAndGet());
        if (!settle)
            drain.createConsumer(drain.createQueue(Queues.SETTLEMENTS_INBOUND)).setMessageListener(message -> {});
        connection.start();
        return connection;
    }

    /**
     * Waits until the stages consume (KCL takes a few seconds to start), then runs {@code --warmup-pairs} through at the
     * measured rate and waits for them, so the measurement sees a warm JIT and no backlog.
     */
    private void warmUp(ConnectionFactory broker) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        post(broker, List.<String[]>of(pair("WARMUP")));
        while (!matchedNanos.containsKey("WARMUP")
                || (settle && !settledNanos.containsKey(INVESTMENT_MANAGER + "-WARMUP"))) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the pipeline did not start in 60 s");
            Thread.sleep(50);
        }
        List<String[]> warm = new ArrayList<>();
        for (int i = 0; i < warmupPairs; i++) {
            warm.add(pair("W" + i));
            if (warm.size() == 25 || i == warmupPairs - 1) {
                post(broker, warm);
                warm.clear();
                Thread.sleep(50_000L / messagesPerSecond); // 25 pairs are 50 trades: keep to the rate
            }
        }
        deadline = System.nanoTime() + timeout.toNanos();
        while (finished() < warmupPairs + 1 && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(2_000); // let the last warm-up reports drain
        postedAtNanos.clear();
        firstReportNanos.clear();
        matchedNanos.clear();
        settledNanos.clear();
        reports.set(0);
        settlementReports.set(0);
        System.out.println("pipeline warm (" + warmupPairs + " pairs); posting " + pairs + " pairs at "
                + messagesPerSecond + " trades/s");
    }

    private int measure(ConnectionFactory broker, Set<Integer> brokerPorts) throws Exception {
        CpuLedger cpu = CpuLedger.start(brokerPorts);
        long start = System.nanoTime();
        int batchPairs = Math.max(1, messagesPerSecond / 2 / 20); // 20 commits per second
        long batchIntervalNanos = Duration.ofSeconds(1).toNanos() * batchPairs * 2 / messagesPerSecond;
        List<String[]> batch = new ArrayList<>();
        try (Senders senders = new Senders(broker, passwords)) {
            for (int i = 0, sent = 0; i < pairs; i++) {
                batch.add(pair("L" + i));
                if (batch.size() == batchPairs || i == pairs - 1) {
                    long due = start + sent * batchIntervalNanos;
                    // Park, never spin: the harness shares the machine's two cores with what it measures.
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    send(senders, batch);
                    batch.clear();
                    sent++;
                }
            }
        }
        long postedAll = System.nanoTime();
        long deadline = postedAll + timeout.toNanos();
        // Every pair decided, and every trade answered: a pair's second report can trail its first.
        while ((finished() < pairs || firstReportNanos.size() < postedAtNanos.size()) && System.nanoTime() < deadline)
            Thread.sleep(20);
        long done = System.nanoTime();
        cpu.close();

        long[] messageLatencies = postedAtNanos.entrySet().stream()
                .filter(entry -> firstReportNanos.containsKey(entry.getKey()))
                .mapToLong(entry -> (firstReportNanos.get(entry.getKey()) - entry.getValue()) / 1_000_000)
                .toArray();
        List<Long> matched = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Long second = postedAtNanos.get(INVESTMENT_MANAGER + "-L" + i);
            Long match = matchedNanos.get("L" + i);
            if (second != null && match != null) matched.add((match - second) / 1_000_000);
        }
        long[] matchLatencies = matched.stream().mapToLong(Long::longValue).toArray();
        double seconds = (done - start) / 1e9;
        System.out.printf(
                "posted %d trades (%d pairs) in %.1f s (%.0f trades/s offered)%n",
                2L * pairs, pairs, (postedAll - start) / 1e9, 2.0 * pairs / ((postedAll - start) / 1e9));
        System.out.printf(
                "matched %d of %d pairs; %d status reports; throughput %.0f trades/s (%.0f pairs/s) over %.1f s%n",
                matched.size(),
                pairs,
                reports.get() - 3,
                2.0 * matched.size() / seconds,
                matched.size() / seconds,
                seconds);
        System.out.println("MQ-in -> first status report, per trade: "
                + LatencyReport.of(messageLatencies).describe());
        System.out.println("second side in -> MATCHED, per pair:     "
                + LatencyReport.of(matchLatencies).describe());
        if (!settle) {
            printCpu(cpu, 2L * matched.size(), "matched trade");
            return matched.size() == pairs ? 0 : 1;
        }
        long[] settleLatencies = postedAtNanos.entrySet().stream()
                .filter(entry -> settledNanos.containsKey(entry.getKey()))
                .mapToLong(entry -> (settledNanos.get(entry.getKey()) - entry.getValue()) / 1_000_000)
                .toArray();
        System.out.printf(
                "settled %d of %d trades; %d settlement reports; throughput %.0f trades/s settled%n",
                settleLatencies.length, 2L * pairs, settlementReports.get(), settleLatencies.length / seconds);
        System.out.println("MQ-in -> SETTLED, per trade:             "
                + LatencyReport.of(settleLatencies).describe());
        printCpu(cpu, settleLatencies.length, "settled trade");
        return settleLatencies.length == 2 * pairs ? 0 : 1;
    }

    private void printCpu(CpuLedger cpu, long trades, String unit) {
        System.out.print(cpu.describe(trades, unit));
        if (cpuDetail) System.out.print(cpu.describeTop(15, trades, unit));
    }

    /** Pairs done: MATCHED, or in the full loop SETTLED on both sides. */
    private int finished() {
        return settle ? settledNanos.size() / 2 : matchedNanos.size();
    }

    /** Where the time went: each stage's batches, records and busy time, from its own meters. */
    private static void printStageTimes(io.micrometer.core.instrument.MeterRegistry registry) {
        for (var timer : registry.find("tradewind.stage.processing").timers()) {
            String stage = timer.getId().getTag("stage");
            double records = registry.get("tradewind.stage.records.in")
                    .tag("stage", stage)
                    .counter()
                    .count();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "  %-34s %6d batches %7.0f records  busy %6.1f s  mean batch %6.1f ms%n",
                    stage,
                    timer.count(),
                    records,
                    timer.totalTime(java.util.concurrent.TimeUnit.SECONDS),
                    timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
    }

    /** A matching pair; each pair has its own quantity, so pairs spread over shards as real trades do. */
    private String[] pair(String ref) {
        long quantity = 1_000 + (ref.hashCode() & 0xFFFF);
        return new String[] {
            trade(SENDERS.get(0), SenderRole.BROKER, ref, quantity),
            trade(SENDERS.get(1), SenderRole.INVESTMENT_MANAGER, ref, quantity)
        };
    }

    private String trade(String sender, SenderRole role, String ref, long quantity) {
        return WireCodec.encode(new TradeMessage(
                sender + "-" + ref,
                MessageType.NEW,
                sender,
                role,
                ref,
                EXECUTING_BROKER,
                INVESTMENT_MANAGER,
                Side.BUY,
                "US0378331005",
                quantity,
                new BigDecimal("187.2500"),
                "USD",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23),
                new BigDecimal("187.2500")
                        .multiply(BigDecimal.valueOf(quantity))
                        .setScale(2),
                allocations(ref, quantity)));
    }

    /**
     * {@code --allocations} distinct accounts of the investment manager's {@link #ACCOUNTS} sharing the quantity; the
     * first gets the remainder. A bounded book of accounts, as the trade generator's: each account is a party with a
     * private status queue, and a new queue per trade would measure the broker's cost of ever more queues instead.
     */
    private List<Allocation> allocations(String ref, long quantity) {
        List<Allocation> split = new ArrayList<>(allocations);
        long each = quantity / allocations;
        int accounts = Math.max(ACCOUNTS, allocations);
        int first = Math.floorMod(ref.hashCode(), accounts);
        for (int i = allocations; i >= 1; i--)
            split.add(new Allocation(
                    String.valueOf(i),
                    String.format("%s-ACC-%02d", INVESTMENT_MANAGER, (first + i) % accounts + 1),
                    i == 1 ? quantity - each * (allocations - 1) : each));
        return split;
    }

    private void post(ConnectionFactory broker, List<String[]> pairs) throws Exception {
        try (Senders senders = new Senders(broker, passwords)) {
            send(senders, pairs);
        }
    }

    /** Connections to {@code brokerUri} logged in as {@code login} (null: as each {@code createConnection} says). */
    private static ConnectionFactory loggedIn(EmulatedRegion region, BrokerLogin login) {
        ActiveMQConnectionFactory factory = (ActiveMQConnectionFactory) region.brokerConnectionFactory();
        if (login != null) {
            factory.setUserName(login.user());
            factory.setPassword(login.password());
        }
        return factory;
    }

    private void send(Senders senders, List<String[]> pairs) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String[] pair : pairs) {
            for (int side = 0; side < pair.length; side++) {
                senders.send(side, pair[side]);
                String body = pair[side];
                ids.add(body.substring(body.indexOf(":\"") + 2, body.indexOf("\",")));
            }
        }
        senders.commit();
        long committed = System.nanoTime();
        for (String id : ids) postedAtNanos.put(id, committed);
    }

    /** Onboards the harness's senders as the sandbox onboards its participants; their passwords by id. */
    private static Map<String, String> onboardSenders(LocalAws aws) {
        Map<String, RunbookTopology.Region> regions = new LinkedHashMap<>();
        aws.regions().forEach(region -> regions.put(region.name(), Sandbox.regionOf(region, Map.of())));
        Map<String, Set<Role>> senders = new LinkedHashMap<>();
        SENDERS.forEach(sender -> senders.put(sender, DemoParticipants.all().get(sender)));
        try (ParticipantWiring wiring = ParticipantWiring.open(regions, false, LocalAwsConfig.PRIMARY_REGION)) {
            return DemoParticipants.passwords(DemoParticipants.onboard(wiring.onboarding(), senders));
        }
    }

    /**
     * One transacted session per sender, each on a connection authenticated as that sender, so the broker knows who
     * posted each side; a batch is committed sender by sender.
     */
    private static final class Senders implements AutoCloseable {
        private final List<Connection> connections = new ArrayList<>();
        private final List<Session> sessions = new ArrayList<>();
        private final List<MessageProducer> producers = new ArrayList<>();

        Senders(ConnectionFactory broker, Map<String, String> passwords) throws Exception {
            try {
                for (String sender : SENDERS) {
                    Connection connection = broker.createConnection(sender, passwords.get(sender));
                    connections.add(connection);
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    sessions.add(session);
                    producers.add(session.createProducer(session.createQueue(Queues.TRADES_INBOUND)));
                }
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        /** Sends a pair's side {@code side} (an index into {@link #SENDERS}) as its sender. */
        void send(int side, String body) throws Exception {
            producers.get(side).send(sessions.get(side).createTextMessage(body));
        }

        void commit() throws Exception {
            for (Session session : sessions) session.commit();
        }

        @Override
        public void close() throws Exception {
            for (Connection connection : connections) connection.close();
        }
    }
}
