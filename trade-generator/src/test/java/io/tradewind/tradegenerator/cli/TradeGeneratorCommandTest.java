package io.tradewind.tradegenerator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.tradegenerator.domain.GenerationSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TradeGeneratorCommandTest {
    private static final Clock NOV_20 = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    private final TradeGeneratorCommand command = new TradeGeneratorCommand(NOV_20);
    private final CommandLine commandLine = new CommandLine(command);

    @Test
    void defaultsToTheSandboxBrokerAtTwentyTradesPerSecondWithSeed42() {
        commandLine.parseArgs();

        GenerationSettings settings = command.generationSettings();
        assertThat(command.brokerUrl()).isEqualTo(URI.create("tcp://127.0.0.1:47101"));
        assertThat(command.rate).isEqualTo(20.0);
        assertThat(command.pairs).isNull();
        assertThat(command.outcomesFile).isEqualTo(Path.of("target/generator-outcomes.jsonl"));
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.runId()).isEqualTo("G42");
        assertThat(settings.tradeDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(settings.counterparties().executingBrokers()).hasSize(5);
        assertThat(settings.counterparties().investmentManagers()).hasSize(10);
    }

    @Test
    void theRegionPicksTheSandboxesBrokerThereUnlessOneIsGiven() {
        commandLine.parseArgs("--region", "us-west-2");
        assertThat(command.brokerUrl()).isEqualTo(URI.create("tcp://127.0.0.1:47201"));

        TradeGeneratorCommand given = new TradeGeneratorCommand(NOV_20);
        new CommandLine(given).parseArgs("--region", "us-west-2", "--broker-url", "ssl://mq.example:61617");
        assertThat(given.brokerUrl()).isEqualTo(URI.create("ssl://mq.example:61617"));
    }

    /** Terraform's generator task still passes the old name of --aws. */
    @Test
    void theOldNameOfAwsStillWorks() {
        commandLine.parseArgs("--aws-credential-chain");
        assertThat(command.aws).isTrue();
        assertThat(commandLine.getUsageMessage()).contains("--aws").doesNotContain("--aws-credential-chain");
    }

    @Test
    void takesTheSeedRunIdTradeDateAndCounterpartiesFromTheOptions() {
        commandLine.parseArgs(
                "--seed", "7",
                "--run-id", "LOAD1",
                "--trade-date", "2026-12-01",
                "--brokers", "BRK101,BRK102",
                "--investment-managers", "IM900",
                "--rate", "50",
                "--pairs", "1000");

        GenerationSettings settings = command.generationSettings();
        assertThat(settings.seed()).isEqualTo(7);
        assertThat(settings.runId()).isEqualTo("LOAD1");
        assertThat(settings.tradeDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(settings.counterparties().executingBrokers()).containsExactly("BRK101", "BRK102");
        assertThat(settings.counterparties().investmentManagers()).containsExactly("IM900");
        assertThat(command.rate).isEqualTo(50.0);
        assertThat(command.pairs).isEqualTo(1000L);
    }

    @Test
    void refusesArcEndpointsWithoutTheControlToFollow() {
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--arc-endpoints", "http://127.0.0.1:47001");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--arc-endpoints and --control-arn go together");
    }

    @Test
    void refusesARateThatIsNotAboveZero() {
        commandLine.setErr(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("--rate", "0")).isEqualTo(2);
    }
}
