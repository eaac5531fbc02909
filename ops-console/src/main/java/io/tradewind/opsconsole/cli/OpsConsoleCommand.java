package io.tradewind.opsconsole.cli;

import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.config.OperatorLogin;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.RotationRequest;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.Endpoint;
import io.tradewind.platform.cli.ReachesEndpoints;
import io.tradewind.platform.cli.Unreachable;
import io.tradewind.platform.cli.VerboseOption;
import io.tradewind.platform.gateway.JmsLogin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * runbook, against the local sandbox's endpoints, and follow the execution to its end. {@code --dry-run} prints the
 * plan and changes nothing. {@code resume}, {@code abort} and {@code confirm} take up an execution that stopped
 * half-way or awaits a confirmation; {@code executions} and {@code execution} show the audit. {@code
 * quarantine} lists, shows and replays the inputs the apps took out of the flow. {@code participant} onboards,
 * suspends and resumes participants.
 */
@Command(
        name = "ops-console",
        mixinStandardHelpOptions = true,
        subcommands = {
            OpsConsoleCommand.Rotate.class,
            OpsConsoleCommand.Failover.class,
            ExecutionCommands.Resume.class,
            ExecutionCommands.Abort.class,
            ExecutionCommands.Confirm.class,
            ExecutionCommands.Executions.class,
            ExecutionCommands.Show.class,
            QuarantineCommand.class,
            ParticipantCommand.class
        },
        description = "Rotates Tradewind's apps between regions by the runbook, replays their quarantined inputs, and"
                + " onboards participants.")
public final class OpsConsoleCommand {
    @Mixin
    VerboseOption verbose;

    /** The command line's logging: INFO and above on standard error, so what a command prints stays on its own. */
    public static final String LOGGING_CONFIGURATION = "io/tradewind/opsconsole/cli/logback-cli.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null)
            System.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
        // The process entry point is the one place an exit status is set: scripts read it.
        System.exit(run(args));
    }

    public static int run(String... args) {
        return CommandLines.execute(new OpsConsoleCommand(), args);
    }

    /**
     * What every runbook command takes: where the regions are, the broker login and who runs the command.
     */
    static final class Connection {
        @Option(
                names = "--topology",
                description = "The runbook's endpoints as a JSON file (README: the runbook on AWS)."
                        + " Default: the local sandbox's fixed ports")
        Path topologyFile;

        @Option(
                names = "--credentials-file",
                description = "A file of user=password lines (the sandbox writes one in its work dir) holding the"
                        + " password of the broker user ops-console. Default: "
                        + CommandLines.MQ_PASSWORD_VARIABLE + " from the environment, else the sandbox's "
                        + CommandLines.SANDBOX_CREDENTIALS)
        Path credentialsFile;

        @Mixin
        ConsoleLoginOptions login = new ConsoleLoginOptions();

        /** The signed-in operator, once {@link #signIn} has let them in. */
        private String operator;

        @Option(
                names = "--lease-ttl",
                defaultValue = "PT2M",
                description = "How long the rotation lease lasts unless renewed (renewed every quarter of it while"
                        + " the execution runs): how soon an execution whose process died can be resumed. Default:"
                        + " 2 min")
        Duration leaseTtl;

        /**
         * Signs the operator in for {@code action} (it changes something): true once they are in; false, with one line
         * on standard error saying why, when the topology, the login or the role is wrong (exit code 2).
         */
        boolean signIn(String action) {
            RunbookTopology topology = topology(topologyFile);
            if (topology == null) return false;
            operator = OpsConsoleCommand.operator(login, topology, action).orElse(null);
            return operator != null;
        }

        /** What the command reaches: its topology's endpoints (none when the topology cannot be read). */
        List<Endpoint> endpoints() {
            try {
                return OpsConsoleCommand.endpoints(
                        topologyFile == null ? RunbookTopology.sandbox() : RunbookTopology.read(topologyFile));
            } catch (IllegalArgumentException unreadable) {
                return List.of();
            }
        }

        /** Who runs the command, as the audit records it: the console user {@link #signIn} let in. */
        String operator() {
            if (operator == null) throw new IllegalStateException("the operator has not signed in");
            return operator;
        }

        /**
         * The wiring for these endpoints, or null (the reason printed) when the topology is unreadable.
         *
         * @param reachesBrokers whether the command may move messages (a resume or confirm continues a drain)
         */
        RunbookWiring wiring(
                RotationRunbook.Settings settings, Duration window, int replayRate, boolean reachesBrokers) {
            RunbookTopology topology = topology(topologyFile);
            if (topology == null) return null;
            return new RunbookWiring(
                    topology,
                    reachesBrokers ? brokerLogin(topology, credentialsFile) : null,
                    settings.withLeaseTtl(leaseTtl),
                    window,
                    replayRate);
        }

        RunbookWiring wiring(boolean reachesBrokers) {
            return wiring(
                    RotationRunbook.Settings.defaults(),
                    RunbookWiring.DEFAULT_WINDOW,
                    RunbookWiring.DEFAULT_REPLAYS_PER_SECOND,
                    reachesBrokers);
        }
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

        @Mixin
        Connection connection = new Connection();

        @Option(names = "--dry-run", description = "Print the plan and change nothing.")
        boolean dryRun;

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
            RunbookTopology topology = topology(connection.topologyFile);
            if (topology == null || !knownRegions(topology, List.of(from, to))) return CommandLine.ExitCode.USAGE;
            // A dry run changes nothing, so anyone may ask for one; the execution needs a signed-in operator.
            if (!dryRun && !connection.signIn(mode.name().toLowerCase(Locale.ROOT))) return CommandLine.ExitCode.USAGE;
            RotationRequest request = new RotationRequest(mode, apps, from, to, drainTimeout, fullWindow);
            // A dry run reaches nothing, so it needs no broker login.
            try (RunbookWiring wiring =
                    connection.wiring(RotationRunbook.Settings.defaults(), window, replayRate, !dryRun)) {
                RunbookOperations operations = wiring.operations();
                if (dryRun) {
                    System.out.println(operations.dryRun(request));
                    return 0;
                }
                String executionId;
                try {
                    executionId = operations.start(request, connection.operator());
                } catch (RotationLease.LeaseHeldException held) {
                    System.err.println(held.getMessage());
                    return 1;
                }
                return ExecutionFollower.followToTheEnd(operations, executionId, connection.operator());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Planned rotation: drain the source, switch the databases over (no data lost), start the"
                    + " target, reconcile.")
    static final class Rotate implements Callable<Integer>, ReachesEndpoints {
        @Mixin
        Options options;

        @Override
        public List<Endpoint> endpoints() {
            return options.connection.endpoints();
        }

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
    static final class Failover implements Callable<Integer>, ReachesEndpoints {
        @Mixin
        Options options;

        @Override
        public List<Endpoint> endpoints() {
            return options.connection.endpoints();
        }

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

    /** What the commands reach in the topology's regions, as their errors name it. */
    static List<Endpoint> endpoints(RunbookTopology topology) {
        List<Endpoint> endpoints = new ArrayList<>();
        boolean sandbox = !topology.aws();
        topology.regions().forEach((name, region) -> {
            endpoints.add(new Endpoint(Endpoint.BROKER, region.broker().toString(), name, sandbox));
            if (region.dynamoDbEndpoint() != null)
                endpoints.add(new Endpoint(
                        Endpoint.DYNAMODB, region.dynamoDbEndpoint().toString(), name, sandbox));
            if (region.kinesisEndpoint() != null)
                endpoints.add(
                        new Endpoint(Endpoint.KINESIS, region.kinesisEndpoint().toString(), name, sandbox));
            if (region.jdbcUrl() != null)
                endpoints.add(new Endpoint(Endpoint.POSTGRESQL, region.jdbcUrl(), name, sandbox));
        });
        return endpoints;
    }

    /**
     * Prints a command's failure on the way in one line: an endpoint that cannot be reached, refuses the login or lacks
     * the sandbox's tables is named (exit code 2, nothing was done); anything else is "failed:" and its message (1).
     */
    static int failed(RuntimeException e, RunbookTopology topology, PrintWriter err) {
        return failed(e, endpoints(topology), err, "failed: ");
    }

    /** The same for {@code endpoints}; a failure of another kind is its message after {@code prefix}. */
    static int failed(RuntimeException e, List<Endpoint> endpoints, PrintWriter err, String prefix) {
        Optional<String> unreachable = Unreachable.explain(e, endpoints);
        err.println(unreachable.orElse(prefix + e.getMessage()));
        err.flush();
        return unreachable.isPresent() ? CommandLines.USAGE : 1;
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
