package io.tradewind.tradegenerator.cli;

import io.tradewind.model.topology.Deployment;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.Endpoint;
import io.tradewind.platform.cli.ReachesEndpoints;
import io.tradewind.platform.cli.TruststoreOptions;
import io.tradewind.platform.cli.VerboseOption;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.tradegenerator.adapter.jms.JmsTradeSink;
import io.tradewind.tradegenerator.adapter.jms.SenderLogins;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.Counterparties;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import io.tradewind.tradegenerator.posting.TradeGenerator;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        subcommands = PostCommand.class,
        description = "Posts matched, mismatched and unmatched trade pairs (equally likely) to trades.inbound at a"
                + " steady rate, and records the outcome each pair should reach.")
public final class TradeGeneratorCommand implements Callable<Integer>, ReachesEndpoints {
    /** Where the command line finds its logging configuration; Spring Boot configures logging otherwise. */
    public static final String LOGGING_CONFIGURATION = "io/tradewind/tradegenerator/cli/logback-cli.xml";

    @Option(
            names = "--broker-url",
            description = "The broker to post to. Default: the sandbox's in --region (tcp://127.0.0.1:47n01)")
    URI brokerUrl;

    @Mixin
    TruststoreOptions tls = new TruststoreOptions();

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
            description = "A file of user=password lines with each sender's broker login (the sandbox writes"
                    + " <work-dir>/credentials.properties): each sender posts as itself. Default: the sandbox's "
                    + CommandLines.SANDBOX_CREDENTIALS + " when it is there")
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
            defaultValue = Deployment.PRIMARY_REGION,
            description = "The region to post in: the sandbox's broker there unless --broker-url names another, and"
                    + " the region of the ARC client. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(
            names = "--aws",
            description = "Call ARC with the AWS default credential chain (default: the sandbox's static dummy keys).")
    boolean aws;

    /** The old name of {@code --aws}, which the generator's ECS task (Terraform) still passes. */
    @Option(names = "--aws-credential-chain", hidden = true)
    void awsCredentialChain(boolean on) {
        aws = on;
    }

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final AtomicBoolean summaryPrinted = new AtomicBoolean();

    public TradeGeneratorCommand() {
        this(Clock.systemDefaultZone());
    }

    TradeGeneratorCommand(Clock clock) {
        this.clock = clock;
    }

    /** Runs the command with the command line's logging configuration, returning the exit code. */
    public static int run(String... args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
        }
        return CommandLines.execute(new TradeGeneratorCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        GenerationSettings settings = generationSettings();
        Optional<RegionGate> gate = regionGate();
        TradeGenerator.Builder builder = TradeGenerator.builder(
                        new TradePairFactory(settings),
                        new JmsTradeSink(
                                JmsConnections.activeMq(brokerUrl(), tls.truststore(System.getenv())),
                                credentialsFile().map(SenderLogins::fromFile).orElse(null)),
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
                brokerUrl(),
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

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (!(rate > 0)) problems.add("--rate must be above 0, was " + rate);
        if (pairs != null && pairs < 1) problems.add("--pairs must be at least 1, was " + pairs);
        if ((arcEndpoints == null) != (controlArn == null)) {
            problems.add("--arc-endpoints and --control-arn go together");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    /** {@code --credentials-file}, else the sandbox's when it is there (README: the generator's default). */
    Optional<Path> credentialsFile() {
        if (credentialsFile != null) return Optional.of(credentialsFile);
        Path sandbox = Path.of(CommandLines.SANDBOX_CREDENTIALS);
        return Files.isReadable(sandbox) ? Optional.of(sandbox) : Optional.empty();
    }

    /** {@code --broker-url}, else the sandbox's broker in {@code --region}. */
    URI brokerUrl() {
        return brokerUrl != null
                ? brokerUrl
                : CommandLines.sandboxRegion(region).broker();
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint(Endpoint.BROKER, brokerUrl().toString(), region, brokerUrl == null));
        if (arcEndpoints != null)
            arcEndpoints.forEach(arc -> endpoints.add(new Endpoint("ARC", arc.toString(), region, false)));
        return endpoints;
    }

    private Optional<RegionGate> regionGate() {
        if (arcEndpoints == null) return Optional.empty();
        AwsSettings settings =
                new AwsSettings(region, Optional.empty(), Optional.empty(), Optional.empty(), !aws, true);
        ArcRoutingControlReader reader =
                new ArcRoutingControlReader(new AwsClientFactory(settings).arcCluster(arcEndpoints));
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
