package io.tradewind.opsconsole.cli;

import io.tradewind.model.topology.App;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.quarantine.Printable;
import io.tradewind.opsconsole.quarantine.QuarantineDesk;
import io.tradewind.opsconsole.quarantine.ReplayOutcome;
import io.tradewind.platform.cli.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarantine list|show|replay}: the inputs the apps' stages took out of the flow (a store refused them, or they
 * could not be decoded), read from each app's database, and one put back into the flow after a fix.
 */
@Command(
        name = "quarantine",
        mixinStandardHelpOptions = true,
        subcommands = {QuarantineCommand.ListEntries.class, QuarantineCommand.Show.class, QuarantineCommand.Replay.class
        },
        description = "Lists the inputs the apps quarantined, shows one, and replays one after a fix.")
final class QuarantineCommand {
    static final List<String> APPS = App.ids();

    /** What every subcommand takes: where the endpoints are and which copy of the databases to read. */
    static final class Endpoints {
        @Option(
                names = "--topology",
                description = "The endpoints as a JSON file (README: the runbook on AWS)."
                        + " Default: the local sandbox's fixed ports")
        Path topologyFile;

        @Option(
                names = "--credentials-file",
                description = "A file of user=password lines (the sandbox writes one in its work dir) holding the"
                        + " password of the broker user ops-console. Default: "
                        + CommandLines.MQ_PASSWORD_VARIABLE + " from the environment, else the sandbox's "
                        + CommandLines.SANDBOX_CREDENTIALS)
        Path credentialsFile;

        @Option(
                names = "--region",
                description = "The region whose copy of the app's database to read (and, for replay, record the"
                        + " replay in: only the writer's can). Default: the app's writer")
        String region;

        /**
         * Runs {@code work} on the wired desk, or prints why it cannot: exit code 2 for a usage error (an unknown app,
         * region or topology file, an endpoint it cannot reach), 1 for a failure on the way (the message, not a stack trace).
         */
        int withDesk(List<String> apps, Function<QuarantineDesk, Integer> work) {
            return withDesk(apps, null, null, (desk, operator) -> work.apply(desk));
        }

        /**
         * The same for a change: once the app, topology and region are known good, the operator signs in with {@code
         * login} for {@code action} (a refusal is a usage error, exit code 2), and {@code work} gets their name.
         */
        int withDesk(
                List<String> apps,
                ConsoleLoginOptions login,
                String action,
                BiFunction<QuarantineDesk, String, Integer> work) {
            for (String app : apps)
                if (!APPS.contains(app)) {
                    System.err.println("unknown app " + app + "; known: " + APPS);
                    return CommandLine.ExitCode.USAGE;
                }
            RunbookTopology topology = OpsConsoleCommand.topology(topologyFile);
            if (topology == null) return CommandLine.ExitCode.USAGE;
            if (region != null && !OpsConsoleCommand.knownRegions(topology, List.of(region)))
                return CommandLine.ExitCode.USAGE;
            String operator = null;
            if (login != null) {
                Optional<String> signedIn = OpsConsoleCommand.operator(login, topology, action);
                if (signedIn.isEmpty()) return CommandLine.ExitCode.USAGE;
                operator = signedIn.get();
            }
            try (RunbookWiring wiring =
                    new RunbookWiring(topology, OpsConsoleCommand.brokerLogin(topology, credentialsFile))) {
                return work.apply(wiring.quarantine(), operator);
            } catch (RuntimeException e) {
                return OpsConsoleCommand.failed(e, topology, new PrintWriter(System.err, true));
            }
        }

        Optional<String> region() {
            return Optional.ofNullable(region);
        }
    }

    /** What {@code show} and {@code replay} take: the entry, by app and id. */
    static final class OneEntry {
        @Mixin
        Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "ID", description = "The entry's quarantine id, as list prints it")
        String quarantineId;

        @Option(names = "--app", required = true, description = "trade-matching or settlement-matching")
        String app;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "One line per quarantined input, newest first, with the total.")
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--app", description = "trade-matching or settlement-matching. Default: both")
        String app;

        @Option(names = "--since", description = "Only inputs quarantined at or after this ISO-8601 instant")
        Instant since;

        @Option(
                names = "--limit",
                defaultValue = "50",
                description = "The most lines to print. Default: ${DEFAULT-VALUE}")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                System.err.println("--limit must be at least 1: " + limit);
                return CommandLine.ExitCode.USAGE;
            }
            List<String> apps = app == null ? APPS : List.of(app);
            return endpoints.withDesk(apps, desk -> {
                System.out.println(
                        QuarantineText.listing(desk.list(apps, endpoints.region(), Optional.ofNullable(since), limit)));
                return 0;
            });
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "One quarantined input with its payload as text (control characters escaped).")
    static final class Show implements Callable<Integer> {
        @Mixin
        OneEntry entry;

        @Option(
                names = "--max-payload-bytes",
                defaultValue = "" + QuarantineText.PAYLOAD_BYTES_SHOWN,
                description = "How much of the payload to print. Default: ${DEFAULT-VALUE}")
        int maxPayloadBytes;

        @Override
        public Integer call() {
            return entry.endpoints.withDesk(List.of(entry.app), desk -> {
                Optional<QuarantineDesk.Shown> shown =
                        desk.show(entry.app, entry.endpoints.region(), entry.quarantineId);
                if (shown.isEmpty()) {
                    System.err.println(
                            "no entry " + Printable.of(entry.quarantineId) + " in " + entry.app + "'s quarantine");
                    return 1;
                }
                System.out.println(QuarantineText.entry(shown.get(), Math.max(0, maxPayloadBytes)));
                return 0;
            });
        }
    }

    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Puts a quarantined input back into the flow of its app's active region (the region whose"
                    + " <app>-processing-<region> routing control is On): an inbound-gateway entry onto its queue,"
                    + " any other onto its stream under its partition key; then records the replay on the entry."
                    + " At-least-once: the stages are idempotent.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        OneEntry entry;

        @Mixin
        ConsoleLoginOptions login;

        @Override
        public Integer call() {
            return entry.endpoints.withDesk(List.of(entry.app), login, "quarantine replay", (desk, who) -> {
                ReplayOutcome outcome = desk.replay(entry.app, entry.endpoints.region(), entry.quarantineId, who);
                if (outcome instanceof ReplayOutcome.Refused refused) {
                    System.err.println("refused (" + refused.reason() + "): " + refused.message());
                    return 1;
                }
                System.out.println(QuarantineText.replayed((ReplayOutcome.Replayed) outcome, who));
                return 0;
            });
        }
    }
}
