package io.tradewind.tradegenerator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.topology.App;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.UsageError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** post's arguments: files, who posts, the password, the broker; and which reports answer what it posted. */
class PostCommandTest {
    /** The samples the README posts. */
    private static final Path EXAMPLES = Path.of("../docs/examples");

    private static final Clock DEC_20 = Clock.fixed(Instant.parse("2027-03-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private static PostCommand parse(String... args) {
        PostCommand command = new PostCommand();
        new CommandLine(command).parseArgs(args);
        command.environment = Map.of();
        return command;
    }

    private int execute(PostCommand command, String... args) {
        CommandLine line = CommandLines.of(command);
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(new StringWriter(), true));
        return line.execute(args);
    }

    private static PostedMessage example(String file) throws IOException {
        return PostedMessage.read(file, Files.readAllBytes(EXAMPLES.resolve(file)));
    }

    private static PostedMessage json(String text) {
        return PostedMessage.read("-", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theParticipantIsTheBodysSenderOrTheInstructionsPartyUnlessAsNamesOne() throws IOException {
        PostCommand command = parse("x.json");

        assertThat(command.participant(example("trade-BRK042.json"))).isEqualTo("BRK042");
        assertThat(command.participant(json("{\"instructionId\":\"I-1\",\"party\":\"DESK001\"}")))
                .isEqualTo("DESK001");
        assertThat(parse("--as", "IM042", "x.json").participant(example("trade-BRK042.json")))
                .isEqualTo("IM042");
    }

    @Test
    void aBodyThatNamesNoSenderNeedsAs() {
        assertThatThrownBy(() -> parse("x.txt").participant(json("not json at all")))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("give --as PARTICIPANT");
        assertThatThrownBy(() -> parse("--as", "BRK,001", "x.txt").participant(json("{}")))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("is not a participant id");
    }

    @Test
    void aBodyThatIsNotJsonIsPostedAsItIsToTradeMatching() {
        PostedMessage garbage = json("this is not a trade");

        assertThat(garbage.app()).isEqualTo(App.TRADE_MATCHING);
        assertThat(new String(garbage.body(), StandardCharsets.UTF_8)).isEqualTo("this is not a trade");
        assertThat(garbage.fresh("-X", LocalDate.now())).isSameAs(garbage);
    }

    @Test
    void anInstructionGoesToSettlementMatching() {
        assertThat(json("{\"instructionId\":\"I-1\",\"party\":\"DESK001\"}").app())
                .isEqualTo(App.SETTLEMENT_MATCHING);
        assertThat(App.SETTLEMENT_MATCHING.inboundQueue()).isEqualTo("settlements.inbound");
    }

    @Test
    void thePasswordComesFromTheCredentialsFileThenTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("credentials.properties"), "BRK042=from-file\n");

        assertThat(parse("--credentials-file", file.toString(), "x.json")
                        .login("BRK042")
                        .password())
                .isEqualTo("from-file");
        PostCommand fromEnvironment = parse("x.json");
        fromEnvironment.environment = Map.of("TRADEWIND_MQ_PASSWORD", "from-env");
        assertThat(fromEnvironment.login("BRK042").password()).isEqualTo("from-env");
        assertThatThrownBy(() ->
                        parse("--credentials-file", file.toString(), "x.json").login("IM042"))
                .isInstanceOf(UsageError.class)
                .hasMessage("--credentials-file " + file + " has no password for IM042");
    }

    @Test
    void thePasswordIsNeverAnArgument() {
        assertThat(new CommandLine(new PostCommand())
                        .getCommandSpec().options().stream()
                                .flatMap(option -> List.of(option.names()).stream())
                                .filter(name -> name.contains("password") && !name.endsWith("-file")))
                .isEmpty();
    }

    @Test
    void theRegionPicksTheSandboxesBroker() {
        assertThat(parse("x.json").broker()).isEqualTo(URI.create("tcp://127.0.0.1:47101"));
        assertThat(parse("--region", "us-west-2", "x.json").broker()).isEqualTo(URI.create("tcp://127.0.0.1:47201"));
        assertThat(parse("--region", "us-west-2", "--broker-url", "ssl://mq.example:61617", "x.json")
                        .broker())
                .isEqualTo(URI.create("ssl://mq.example:61617"));
    }

    @Test
    void freshGivesNewIdsAndTodaysDatesKeepingTheSettlementCycle() throws IOException {
        PostedMessage fresh = example("trade-BRK042.json").fresh("-RUN1", LocalDate.of(2027, 3, 20));
        String body = new String(fresh.body(), StandardCharsets.UTF_8);

        assertThat(fresh.messageId()).isEqualTo("BRK042-0000001-RUN1");
        assertThat(fresh.reference()).isEqualTo("BRK042-T1-RUN1");
        assertThat(body).contains("\"tradeDate\":\"2027-03-20\"").contains("\"settlementDate\":\"2027-03-22\"");
        assertThat(fresh.pairsWith(example("trade-IM042.json").fresh("-RUN1", LocalDate.of(2027, 3, 20))))
                .isTrue();
    }

    @Test
    void theTwoExamplesPairAndTheRejectedOneDoesNot() throws IOException {
        PostedMessage broker = example("trade-BRK042.json");
        PostedMessage manager = example("trade-IM042.json");

        assertThat(broker.pairsWith(manager)).isTrue();
        assertThat(manager.pairsWith(broker)).isTrue();
        assertThat(broker.pairsWith(broker)).isFalse();
        assertThat(broker.pairsWith(example("trade-rejected.json"))).isFalse();
    }

    @Test
    void unmatchedIsTheAnswerOnlyWithoutACounterpartPostedAlongside() throws IOException {
        PostedMessage broker = example("trade-BRK042.json");
        PostedMessage manager = example("trade-IM042.json");
        broker.posted("BRK042", "ID:broker-1");
        manager.posted("IM042", "ID:broker-2");

        broker.answer(
                PostedMessage.parse(
                        "{\"messageId\":\"r1\",\"inReplyTo\":\"BRK042-0000001\",\"tradeRef\":\"BRK042-T1\",\"senderId\":\"BRK042\",\"status\":\"UNMATCHED\",\"reasons\":[]}"));
        assertThat(broker.answered(List.of(broker))).isTrue();
        assertThat(broker.answered(List.of(broker, manager))).isFalse();

        broker.answer(
                PostedMessage.parse(
                        "{\"messageId\":\"r2\",\"tradeRef\":\"BRK042-T1\",\"senderId\":\"BRK042\",\"status\":\"MATCHED\",\"reasons\":[]}"));
        assertThat(broker.answered(List.of(broker, manager))).isTrue();
    }

    @Test
    void reportsAnswerByInReplyToOrBySenderAndTradeRef() throws IOException {
        PostedMessage broker = example("trade-BRK042.json");
        broker.posted("BRK042", "ID:broker-1");

        assertThat(broker.answeredBy(PostedMessage.parse("{\"inReplyTo\":\"BRK042-0000001\",\"status\":\"REJECTED\"}")))
                .isTrue();
        assertThat(broker.answeredBy(PostedMessage.parse("{\"inReplyTo\":\"ID:broker-1\",\"status\":\"REJECTED\"}")))
                .isTrue();
        assertThat(broker.answeredBy(PostedMessage.parse(
                        "{\"tradeRef\":\"BRK042-T1\",\"senderId\":\"BRK042\",\"status\":\"MATCHED\"}")))
                .isTrue();
        assertThat(broker.answeredBy(PostedMessage.parse(
                        "{\"tradeRef\":\"BRK042-T9\",\"senderId\":\"BRK042\",\"status\":\"MATCHED\"}")))
                .as("another trade of the same sender stays on the queue")
                .isFalse();
    }

    @Test
    void aReportReadsAsOneLineWithItsReasonsBelow() {
        String line = PostedMessage.describe(PostedMessage.parse("{\"tradeRef\":\"BRK042-T2\",\"senderId\":\"BRK042\","
                + "\"status\":\"REJECTED\",\"reasons\":[{\"field\":\"price\",\"code\":\"WRONG_TYPE\",\"ours\":\"a"
                + " number\",\"theirs\":\"a decimal string\"}]}"));

        assertThat(line.lines().toList())
                .containsExactly(
                        "BRK042-T2 (BRK042): REJECTED", "    price WRONG_TYPE: a number (limit: a decimal string)");
    }

    @Test
    void aFileThatCannotBeReadIsOneLineAndExitCodeTwo() {
        int exit = execute(new PostCommand(), dir.resolve("missing.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).startsWith("post: cannot read " + dir.resolve("missing.json"));
    }

    @Test
    void aBrokerThatIsNotListeningIsOneLineAndExitCodeTwo() throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials.properties"), "BRK042=secret\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        int exit = execute(
                new PostCommand(),
                "--broker-url",
                "tcp://127.0.0.1:" + port,
                "--credentials-file",
                credentials.toString(),
                EXAMPLES.resolve("trade-BRK042.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .containsExactly("post: cannot reach the broker at tcp://127.0.0.1:" + port
                        + " (us-east-1): Connection refused");
    }

    @Test
    void anEmptyTimeoutIsAUsageError() {
        assertThat(execute(new PostCommand(), "--timeout", "PT0S", "x.json")).isEqualTo(2);
        assertThat(err.toString()).startsWith("post: --timeout must be positive");
    }

    @Test
    void noFileIsAUsageError() {
        assertThat(execute(new PostCommand())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).startsWith("post: Missing required parameter");
    }
}
