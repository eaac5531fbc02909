package io.tradewind.opsconsole.cli;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.participant.Onboarding;
import io.tradewind.opsconsole.participant.OnboardingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code participant add|list|suspend|resume|reset-secret}: onboards participants (the registry and their broker users
 * in every region) and suspends or resumes them. {@code add} and {@code reset-secret} print the participant's secret
 * once; it is logged nowhere and stored nowhere but in the brokers.
 */
@Command(
        name = "participant",
        mixinStandardHelpOptions = true,
        subcommands = {
            ParticipantCommand.Add.class,
            ParticipantCommand.ListParticipants.class,
            ParticipantCommand.Suspend.class,
            ParticipantCommand.Resume.class,
            ParticipantCommand.ResetSecret.class
        },
        description = "Onboards participants, lists them, suspends and resumes them.")
final class ParticipantCommand {
    private static final Logger log = LoggerFactory.getLogger(ParticipantCommand.class);

    /** Opens onboarding on a topology, writing the registry in a region (null: the first by name). */
    @FunctionalInterface
    interface Opener {
        ParticipantWiring open(RunbookTopology topology, String registryRegion);
    }

    private final Opener opener;

    ParticipantCommand() {
        this(ParticipantWiring::open);
    }

    /** With another way to open onboarding: a test's fakes. */
    ParticipantCommand(Opener opener) {
        this.opener = opener;
    }

    /** What every subcommand takes: where the endpoints are and in which region to write the registry. */
    static final class Endpoints {
        @Option(
                names = "--topology",
                description = "The endpoints as a JSON file (README: the runbook on AWS)."
                        + " Default: the local sandbox's fixed ports")
        Path topologyFile;

        @Option(
                names = "--region",
                description = "The region whose copy of the registry (a global table) to read and write: the others"
                        + " get it by replication. Default: the first of the topology's regions by name")
        String region;

        /**
         * Runs {@code work} on the wired onboarding, or prints why it cannot: exit code 2 for a usage error (an unknown
         * region or topology file, an id or role that is not one, an endpoint it cannot reach), 1 for a refusal or a failure on
         * the way (one line, not
         * a stack trace).
         */
        int withOnboarding(ParticipantCommand command, PrintWriter err, Function<Onboarding, Integer> work) {
            return withOnboarding(command, err, null, null, (onboarding, operator) -> work.apply(onboarding));
        }

        /**
         * The same for a change: once the topology and region are known good, the operator signs in with {@code login}
         * for {@code action} (a refusal is a usage error, exit code 2), and {@code work} gets their name.
         */
        int withOnboarding(
                ParticipantCommand command,
                PrintWriter err,
                ConsoleLoginOptions login,
                String action,
                BiFunction<Onboarding, String, Integer> work) {
            RunbookTopology topology = OpsConsoleCommand.topology(topologyFile);
            if (topology == null) return CommandLine.ExitCode.USAGE;
            if (region != null && !topology.regions().containsKey(region)) {
                err.println("unknown region " + region + "; known: "
                        + topology.regions().keySet().stream().sorted().toList());
                return CommandLine.ExitCode.USAGE;
            }
            String operator = null;
            if (login != null) {
                Optional<String> signedIn = login.operator(topology, ConsoleRole.OPERATOR, action, err);
                if (signedIn.isEmpty()) return CommandLine.ExitCode.USAGE;
                operator = signedIn.get();
            }
            try (ParticipantWiring wiring = command.opener.open(topology, region)) {
                return work.apply(wiring.onboarding(), operator);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return CommandLine.ExitCode.USAGE;
            } catch (OnboardingException e) {
                err.println(e.getMessage());
                return 1;
            } catch (RuntimeException e) {
                return OpsConsoleCommand.failed(e, topology, err);
            }
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Onboards a participant: puts its broker user in every region with a new secret, then adds it"
                    + " to the registry, active. Prints the secret once.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ParticipantCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "ID", description = "The participant's id: its senderId and broker user")
        String id;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "BROKER, INVESTMENT_MANAGER or SETTLEMENT_DESK (repeatable)")
        List<String> roles;

        @Mixin
        ConsoleLoginOptions login;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Set<Role> parsed = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                try {
                    parsed.add(Role.parse(role));
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return CommandLine.ExitCode.USAGE;
                }
            }
            return endpoints.withOnboarding(parent, err, login, "participant add", (onboarding, operator) -> {
                Onboarding.Onboarded onboarded = onboarding.add(id, parsed);
                log.info("operator {} onboarded participant {} ({})", operator, id, roles(onboarded.participant()));
                printSecret(out, "onboarded", onboarded);
                return 0;
            });
        }
    }

    @Command(
            name = "reset-secret",
            mixinStandardHelpOptions = true,
            description = "Issues a registered participant a new secret in every region (the old one stops working);"
                    + " also repairs a region whose brokers lack its user. Prints the secret once.")
    static final class ResetSecret implements Callable<Integer> {
        @ParentCommand
        ParticipantCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "ID", description = "The participant's id")
        String id;

        @Mixin
        ConsoleLoginOptions login;

        @Override
        public Integer call() {
            return endpoints.withOnboarding(
                    parent, spec.commandLine().getErr(), login, "participant reset-secret", (onboarding, operator) -> {
                        Onboarding.Onboarded onboarded = onboarding.resetSecret(id);
                        log.info("operator {} issued participant {} a new secret", operator, id);
                        printSecret(spec.commandLine().getOut(), "new secret for", onboarded);
                        return 0;
                    });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per participant, by id.")
    static final class ListParticipants implements Callable<Integer> {
        @ParentCommand
        ParticipantCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() {
            return endpoints.withOnboarding(parent, spec.commandLine().getErr(), onboarding -> {
                PrintWriter out = spec.commandLine().getOut();
                out.print(listing(onboarding.list()));
                out.flush(); // print does not flush picocli's writer as println does
                return 0;
            });
        }
    }

    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            description =
                    "Suspends a participant: its messages are answered REJECTED NOT_AUTHORIZED within seconds (the"
                            + " stages cache the registry briefly). Its broker user stays, so it still reads its answers.")
    static final class Suspend extends OneParticipant {
        @Override
        Participant change(Onboarding onboarding, String participantId) {
            return onboarding.suspend(participantId);
        }

        @Override
        String action() {
            return "participant suspend";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Lets a suspended participant post again.")
    static final class Resume extends OneParticipant {
        @Override
        Participant change(Onboarding onboarding, String participantId) {
            return onboarding.resume(participantId);
        }

        @Override
        String action() {
            return "participant resume";
        }
    }

    /** A change to one participant, named by its id, that prints the participant as it is afterwards. */
    abstract static class OneParticipant implements Callable<Integer> {
        @ParentCommand
        ParticipantCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        Endpoints endpoints;

        @Parameters(index = "0", paramLabel = "ID", description = "The participant's id")
        String id;

        @Mixin
        ConsoleLoginOptions login;

        abstract Participant change(Onboarding onboarding, String participantId);

        /** The command, as a refusal to sign in names it. */
        abstract String action();

        @Override
        public Integer call() {
            return endpoints.withOnboarding(
                    parent, spec.commandLine().getErr(), login, action(), (onboarding, operator) -> {
                        Participant changed = change(onboarding, id);
                        log.info("operator {} ran {} {}: now {}", operator, action(), id, changed.status());
                        spec.commandLine().getOut().println(line(changed));
                        return 0;
                    });
        }
    }

    /** The secret, once, with what to do with it. */
    private static void printSecret(PrintWriter out, String what, Onboarding.Onboarded onboarded) {
        Participant participant = onboarded.participant();
        out.println(what + " " + participant.id() + " (" + roles(participant) + ") in "
                + String.join(", ", onboarded.regions()));
        out.println("  user:     " + onboarded.credentials().user());
        out.println("  password: " + onboarded.credentials().password());
        out.println("This password is not stored and is not shown again: hand it to " + participant.id()
                + " now. `participant reset-secret " + participant.id() + "` issues a new one.");
    }

    static String listing(List<Participant> participants) {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT, "%-32s  %-40s  %-9s  %-24s  %s%n", "ID", "ROLES", "STATUS", "ONBOARDED", "CHANGED"));
        for (Participant participant : participants)
            text.append(line(participant)).append(System.lineSeparator());
        text.append(participants.size())
                .append(participants.size() == 1 ? " participant" : " participants")
                .append(System.lineSeparator());
        return text.toString();
    }

    static String line(Participant participant) {
        return String.format(
                Locale.ROOT,
                "%-32s  %-40s  %-9s  %-24s  %s",
                participant.id(),
                roles(participant),
                participant.status(),
                participant.onboardedAt(),
                participant.changedAt());
    }

    private static String roles(Participant participant) {
        return EnumSet.copyOf(participant.roles()).stream().map(Role::name).collect(Collectors.joining(","));
    }
}
