package io.tradewind.opsconsole.cli;

import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.config.OperatorLogin;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.RotationPlan;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.platform.gateway.JmsLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SRE's command line: {@code rotate} (planned) and {@code failover} (unplanned) move apps between regions by the
 * runbook, against the local sandbox's endpoints. {@code --dry-run} prints the plan and changes nothing. {@code
 * quarantine} lists, shows and replays the inputs the apps took out of the flow. {@code participant} onboards,
 * suspends and resumes participants.
 */
@Command(
        name = "ops-console",
        mixinStandardHelpOptions = true,
        subcommands = {
            OpsConsoleCommand.Rotate.class,
            OpsConsoleCommand.Failover.class,
            QuarantineCommand.class,
            ParticipantCommand.class
        },
        description = "Rotates Tradewind's apps between regions by the runbook, replays their quarantined inputs, and"
                + " onboards participants.")
public final class OpsConsoleCommand {

    /** The command line's logging: INFO and above on standard error, so what a command prints stays on its own. */
    public static final String LOGGING_CONFIGURATION = "io/tradewind/opsconsole/cli/logback-cli.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null)
            System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
        // The process entry point is the one place an exit status is set: scripts read it.
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new OpsConsoleCommand()).execute(args);
    }

    /** What both modes take. */
    static final class Options {
        @Option(
                names = "--app",
                description = "An app to move (repeatable; moved together, step by step)."
                        + " Default: trade-matching and settlement-matching")
        List<String> apps = App.ids();

        @Option(names = "--from", required = true, description = "The region the apps run in now")
        String from;

        @Option(names = "--to", required = true, description = "The region to move them to")
        String to;

        @Option(
                names = "--topology",
                description = "The runbook's endpoints as a JSON file (README: the runbook on AWS)."
                        + " Default: the local sandbox's fixed ports")
        Path topologyFile;

        @Option(
                names = "--broker-credentials",
                description = "A file of user=password lines (the sandbox writes one in its work dir) holding the"
                        + " password of the broker user ops-console. Default: TRADEWIND_MQ_PASSWORD from the"
                        + " environment, else the sandbox's target/sandbox/credentials.properties")
        Path brokerCredentials;

        @Option(names = "--dry-run", description = "Print the plan and change nothing.")
        boolean dryRun;

        @Mixin
        ConsoleLoginOptions login;

        @Option(
                names = "--drain-timeout",
                defaultValue = "PT45S",
                description = "How long the source may take to drain (ISO-8601). Default: 45 s")
        Duration drainTimeout;

        @Option(
                names = "--window",
                defaultValue = "PT24H",
                description = "How far back reconciliation checks journaled inputs at most. Default: 24 h")
        Duration window;

        @Option(
                names = "--full-window",
                description = "Reconcile the whole --window, not only what was journaled since the last planned"
                        + " rotation (from a minute before its takeover) as the audit records it.")
        boolean fullWindow;

        @Option(
                names = "--replay-rate",
                defaultValue = "500",
                description = "Most replays per second. Default: ${DEFAULT-VALUE}")
        int replayRate;

        int execute(RotationMode mode) {
            List<RotationPlan> plans = apps.stream()
                    .map(app -> RotationPlan.of(app, mode, from, to))
                    .toList();
            RotationRunbook.Settings defaults = RotationRunbook.Settings.defaults();
            RotationRunbook.Settings settings = new RotationRunbook.Settings(
                    defaults.pollInterval(),
                    defaults.quietPolls(),
                    drainTimeout,
                    defaults.gateTimeout(),
                    defaults.switchoverTimeout(),
                    defaults.maxReplicationLag(),
                    defaults.lagWait(),
                    defaults.firstTradeTimeout(),
                    defaults.resolveTimeout(),
                    !fullWindow,
                    defaults.reconcileOverlap());
            RunbookTopology topology = topology(topologyFile);
            if (topology == null || !knownRegions(topology, List.of(from, to))) return CommandLine.ExitCode.USAGE;
            // A dry run changes nothing, so anyone may ask for one; the execution needs a signed-in operator.
            Optional<String> operator = dryRun
                    ? Optional.empty()
                    : operator(login, topology, mode.name().toLowerCase(Locale.ROOT));
            if (!dryRun && operator.isEmpty()) return CommandLine.ExitCode.USAGE;
            // A dry run reaches nothing, so it needs no broker login.
            try (RunbookWiring wiring = new RunbookWiring(
                    topology, dryRun ? null : brokerLogin(topology, brokerCredentials), settings, window, replayRate)) {
                if (dryRun) {
                    System.out.println(wiring.runbook().describe(plans));
                    return 0;
                }
                RotationExecution execution =
                        wiring.runbook().execute(plans, operator.orElseThrow(), System.out::println);
                return execution.succeeded() ? 0 : 1;
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Planned rotation: drain the source, switch the databases over (no data lost), start the"
                    + " target, reconcile.")
    static final class Rotate implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() {
            return options.execute(RotationMode.ROTATE);
        }
    }

    @Command(
            name = "failover",
            mixinStandardHelpOptions = true,
            description = "Unplanned failover: fence the source, fail the databases over now (the un-replicated tail"
                    + " is lost and reported), start the target, replay what was journaled and replicated.")
    static final class Failover implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() {
            return options.execute(RotationMode.FAILOVER);
        }
    }

    /** The topology in {@code file}, or the sandbox's without one; null, with the reason printed, when unreadable. */
    static RunbookTopology topology(Path file) {
        try {
            return file == null ? RunbookTopology.sandbox() : RunbookTopology.read(file);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return null;
        }
    }

    /** The ops console's broker login: from {@code credentialsFile} when given, else as {@link OperatorLogin} says. */
    static JmsLogin brokerLogin(RunbookTopology topology, Path credentialsFile) {
        return credentialsFile != null
                ? OperatorLogin.fromCredentialsFile(credentialsFile, ServiceIdentity.OPERATOR.user())
                : OperatorLogin.fromEnvironment(!topology.aws());
    }

    /** Whether the topology has every one of these regions; prints the first it does not have. */
    static boolean knownRegions(RunbookTopology topology, List<String> regions) {
        for (String region : regions)
            if (!topology.regions().containsKey(region)) {
                System.err.println("unknown region " + region + "; known: "
                        + topology.regions().keySet());
                return false;
            }
        return true;
    }

    /**
     * The operator of a command that changes something, as the audit records them: the console user their login
     * signs in as, with the role OPERATOR; empty, with one line on standard error saying why, otherwise (exit code 2).
     */
    static Optional<String> operator(ConsoleLoginOptions login, RunbookTopology topology, String action) {
        return login.operator(topology, ConsoleRole.OPERATOR, action, new PrintWriter(System.err, true));
    }
}
