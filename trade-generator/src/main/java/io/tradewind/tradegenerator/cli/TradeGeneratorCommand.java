package io.tradewind.tradegenerator.cli;

import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.tradegenerator.adapter.jms.JmsTradeSink;
import io.tradewind.tradegenerator.adapter.jms.SenderCredentials;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.Counterparties;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import io.tradewind.tradegenerator.posting.TradeGenerator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trade-generator}: posts trade pairs to {@code trades.inbound} at a steady rate until {@code --pairs} are
 * posted or Ctrl-C, records each pair's expected outcome in a JSON Lines file, and prints a summary. With {@code
 * --arc-endpoints} and {@code --control-arn} it posts only while that routing control is On.
 */
@Command(
        name = "trade-generator",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Posts matched, mismatched and unmatched trade pairs (equally likely) to trades.inbound at a"
                + " steady rate, and records the outcome each pair should reach.")
public final class TradeGeneratorCommand implements Callable<Integer> {
    /** Where the command line finds its logging configuration; Spring Boot configures logging otherwise. */
    public static final String LOGGING_CONFIGURATION = "io/tradewind/tradegenerator/cli/logback-cli.xml";

    @Option(
            names = "--broker-url",
            defaultValue = "tcp://localhost:47101",
            description =
                    "The broker to post to (the sandbox's us-east-1 broker by default). Default: ${DEFAULT-VALUE}")
    URI brokerUrl;

    @Option(
            names = "--rate",
            defaultValue = "20",
            description = "Trade messages per second, spread evenly (a pair is one or two). Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--pairs", description = "Stop after this many pairs (default: run until Ctrl-C).")
    Long pairs;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "The same seed and options give the same trades. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--run-id",
            description = "Prefix that makes tradeRefs and messageIds unique across runs (default: G<seed>).")
    String runId;

    @Option(
            names = "--brokers",
            split = ",",
            description = "Executing brokers, comma-separated (default: BRK001..BRK005).")
    List<String> brokers;

    @Option(
            names = "--investment-managers",
            split = ",",
            description = "Investment managers, comma-separated (default: IM001..IM010).")
    List<String> investmentManagers;

    @Option(names = "--trade-date", description = "Trade date, yyyy-MM-dd (default: today).")
    LocalDate tradeDate;

    @Option(
            names = "--outcomes-file",
            defaultValue = "target/generator-outcomes.jsonl",
            description = "Expected outcomes are appended here, one JSON line per pair. Default: ${DEFAULT-VALUE}")
    Path outcomesFile;

    @Option(
            names = "--credentials-file",
            defaultValue = "target/sandbox/credentials.properties",
            description = "The senders' broker passwords, user=password lines (the sandbox writes this one); a sender"
                    + " it lacks is read from the environment variable TRADEWIND_PASSWORD_<ID>. Each sender posts as"
                    + " itself. Default: ${DEFAULT-VALUE}")
    Path credentialsFile;

    @Option(
            names = "--arc-endpoints",
            split = ",",
            description = "ARC cluster data-plane endpoints, comma-separated: post only while --control-arn is On.")
    List<URI> arcEndpoints;

    @Option(names = "--control-arn", description = "The ARN of the generator routing control to follow.")
    String controlArn;

    @Option(
            names = "--region",
            defaultValue = "us-east-1",
            description = "The AWS region of the ARC client. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(
            names = "--aws-credential-chain",
            description = "Use the AWS default credential chain for ARC (default: the sandbox's static dummy keys).")
    boolean awsCredentialChain;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final Map<String, String> environment;
    private final AtomicBoolean summaryPrinted = new AtomicBoolean();
    private SenderCredentials credentials;

    public TradeGeneratorCommand() {
        this(Clock.systemDefaultZone(), System.getenv());
    }

    TradeGeneratorCommand(Clock clock) {
        this(clock, System.getenv());
    }

    TradeGeneratorCommand(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.environment = environment;
    }

    /** Runs the command with the command line's logging configuration, returning the exit code. */
    public static int run(String... args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
        }
        return new CommandLine(new TradeGeneratorCommand()).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        GenerationSettings settings = generationSettings();
        validate(settings);
        Optional<RegionGate> gate = regionGate();
        TradeGenerator.Builder builder = TradeGenerator.builder(
                        new TradePairFactory(settings),
                        new JmsTradeSink(JmsConnections.activeMq(brokerUrl), credentials),
                        rate)
                .recorder(new JsonLinesOutcomeRecorder(outcomesFile));
        if (pairs != null) builder.maxPairs(pairs);
        gate.ifPresent(g -> builder.gate(g::isOpen));
        TradeGenerator generator = builder.build();

        PrintWriter out = spec.commandLine().getOut();
        long startNanos = System.nanoTime();
        Thread onCtrlC = new Thread(
                () -> {
                    generator.close();
                    gate.ifPresent(RegionGate::close);
                    printSummary(out, settings, generator, startNanos);
                },
                "trade-generator-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        out.printf(
                Locale.ROOT,
                "posting run %s to %s at %s trades/s%s; outcomes in %s%n",
                settings.runId(),
                brokerUrl,
                rate,
                gate.isPresent() ? " while " + controlArn + " is On" : "",
                outcomesFile.toAbsolutePath());
        out.flush();
        gate.ifPresent(RegionGate::start);
        generator.start();
        while (!generator.awaitFinished(Duration.ofSeconds(1))) {
            // Runs until --pairs are posted, or Ctrl-C closes the generator from the shutdown hook.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook prints the summary
        }
        gate.ifPresent(RegionGate::close);
        printSummary(out, settings, generator, startNanos);
        return generator.failure().isPresent() ? 1 : 0;
    }

    /** The settings the options describe; the defaults of {@link GenerationSettings} for what is not given. */
    GenerationSettings generationSettings() {
        GenerationSettings settings = GenerationSettings.defaults(seed, clock);
        if (runId != null) settings = settings.withRunId(runId);
        if (tradeDate != null) settings = settings.withTradeDate(tradeDate);
        if (brokers != null || investmentManagers != null) {
            Counterparties defaults = Counterparties.defaults();
            settings = settings.withCounterparties(Counterparties.of(
                    brokers == null ? defaults.executingBrokers() : brokers,
                    investmentManagers == null ? defaults.investmentManagers() : investmentManagers));
        }
        return settings;
    }

    private void validate(GenerationSettings settings) {
        List<String> problems = new ArrayList<>();
        if (!(rate > 0)) problems.add("--rate must be above 0, was " + rate);
        if (pairs != null && pairs < 1) problems.add("--pairs must be at least 1, was " + pairs);
        if ((arcEndpoints == null) != (controlArn == null)) {
            problems.add("--arc-endpoints and --control-arn go together");
        }
        try {
            credentials = SenderCredentials.from(credentialsFile, environment);
            credentials.requireAll(settings.counterparties().senders());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    private Optional<RegionGate> regionGate() {
        if (arcEndpoints == null) return Optional.empty();
        AwsSettings aws = new AwsSettings(
                region, Optional.empty(), Optional.empty(), Optional.empty(), !awsCredentialChain, true);
        ArcRoutingControlReader reader =
                new ArcRoutingControlReader(new AwsClientFactory(aws).arcCluster(arcEndpoints));
        // Nothing is guarded: the generator reads the gate's state before every pair instead.
        return Optional.of(new RegionGate(controlArn, reader, Duration.ofSeconds(1), List.of()));
    }

    private void printSummary(PrintWriter out, GenerationSettings settings, TradeGenerator generator, long startNanos) {
        if (!summaryPrinted.compareAndSet(false, true)) return;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "run %s: posted %d pairs (%d matched, %d mismatched, %d unmatched), %d trade messages in %.1f s"
                        + " (%.1f trades/s); %d reconnects; outcomes in %s%n",
                settings.runId(),
                generator.pairsPosted(),
                generator.pairsPosted(PairKind.MATCHED),
                generator.pairsPosted(PairKind.MISMATCHED),
                generator.pairsPosted(PairKind.UNMATCHED),
                generator.messagesPosted(),
                seconds,
                generator.messagesPosted() / Math.max(seconds, 1e-9),
                generator.reconnects(),
                outcomesFile.toAbsolutePath());
        generator.failure().ifPresent(e -> out.println("stopped by an error: " + e));
        out.flush();
    }
}
