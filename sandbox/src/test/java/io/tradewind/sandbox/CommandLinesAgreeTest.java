package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.cli.OpsConsoleCommand;
import io.tradewind.platform.cli.VerboseOption;
import io.tradewind.reconciliation.cli.ReconcileCommand;
import io.tradewind.tradegenerator.cli.TradeGeneratorCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command line the README shows takes the same option names for the same things, --verbose, and no secret as an
 * argument's value: walked from each one's picocli model, subcommands included.
 */
class CommandLinesAgreeTest {
    /** Each concept's one spelling, and the spellings it must not have anywhere. */
    private static final Map<String, Set<String>> SPELLINGS = Map.ofEntries(
            Map.entry("--region", Set.of("--aws-region", "--region-name")),
            Map.entry("--broker-url", Set.of("--broker", "--broker-uri", "--mq-url", "--url")),
            Map.entry(
                    "--credentials-file",
                    Set.of("--broker-credentials", "--credentials", "--mq-credentials", "--credentials-path")),
            Map.entry("--truststore", Set.of("--trust-store", "--truststore-path")),
            Map.entry("--truststore-password-file", Set.of("--trust-store-password-file")),
            Map.entry("--topology", Set.of("--topology-file")),
            Map.entry("--window", Set.of("--lookback", "--reconcile-window")),
            Map.entry("--replay-rate", Set.of("--replays-per-second")),
            Map.entry("--aws", Set.of("--aws-credential-chain", "--use-aws")),
            Map.entry("--verbose", Set.of("-v", "--debug", "--stack-trace")),
            Map.entry("--work-dir", Set.of("--workdir", "--dir")),
            Map.entry("--login-file", Set.of("--login", "--console-login")));

    /** Options that name a secret may only name the file that holds it (or exist, hidden, to refuse the value). */
    private static final Pattern SECRET = Pattern.compile("--.*(password|secret|token).*");

    /** The command lines of the README: the sandbox jar (drill, load-test, post), the generator, reconciliation, the console. */
    private static final List<CommandLine> COMMAND_LINES = List.of(
            new CommandLine(new Sandbox()),
            new CommandLine(new TradeGeneratorCommand()),
            new CommandLine(new ReconcileCommand()),
            new CommandLine(new OpsConsoleCommand()));

    private static Map<String, CommandSpec> everyCommand() {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        List<CommandLine> pending = new ArrayList<>(COMMAND_LINES);
        while (!pending.isEmpty()) {
            CommandLine line = pending.remove(0);
            commands.put(line.getCommandSpec().qualifiedName(), line.getCommandSpec());
            pending.addAll(line.getSubcommands().values());
        }
        return commands;
    }

    @Test
    void eachConceptHasOneSpellingInEveryCommand() {
        List<String> odd = new ArrayList<>();
        everyCommand().forEach((command, spec) -> {
            for (OptionSpec option : spec.options()) {
                if (option.hidden()) continue;
                for (String name : option.names())
                    SPELLINGS.forEach((spelling, others) -> {
                        if (others.contains(name)) odd.add(command + " " + name + " (say " + spelling + ")");
                    });
                if (option.description().length > 0
                        && String.join(" ", option.description()).contains("replays per second")
                        && !List.of(option.names()).contains("--replay-rate"))
                    odd.add(command + " " + option.longestName() + " (a replay rate: say --replay-rate)");
            }
        });

        assertThat(odd).isEmpty();
    }

    @Test
    void everyCommandTakesVerbose() {
        everyCommand().forEach((command, spec) -> assertThat(spec.findOption(VerboseOption.NAME))
                .as(command)
                .isNotNull());
    }

    @Test
    void noCommandTakesASecretAsAnArgument() {
        List<String> secrets = new ArrayList<>();
        everyCommand().forEach((command, spec) -> {
            for (OptionSpec option : spec.options())
                for (String name : option.names())
                    if (SECRET.matcher(name).matches() && !name.endsWith("-file") && !option.hidden())
                        secrets.add(command + " " + name);
        });

        assertThat(secrets).isEmpty();
    }

    @Test
    void theCommandsThatReachARegionTakeRegion() {
        Map<String, CommandSpec> commands = everyCommand();
        for (String command : List.of(
                "tradewind-sandbox post",
                "trade-generator",
                "trade-generator post",
                "reconciliation-replay",
                "ops-console quarantine list",
                "ops-console participant add"))
            assertThat(commands.get(command).findOption("--region")).as(command).isNotNull();
    }
}
