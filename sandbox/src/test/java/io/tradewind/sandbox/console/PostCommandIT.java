package io.tradewind.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./tradewind post} against the shared sandbox's real brokers and apps: the README's first example (both sides
 * of docs/examples' pair, answered MATCHED), a message whose answer cannot come within the timeout, and a wrong
 * password.
 */
@ExtendWith(ConsoleSandbox.class)
class PostCommandIT {
    private static final Path EXAMPLES = Path.of("../docs/examples");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the sandbox jar's {@code post} against the sandbox's us-east-1 broker, as {@code ./tradewind post} does. */
    private int post(String... args) {
        Sandbox sandbox = ConsoleSandbox.get();
        CommandLine line = CommandLines.of(new Sandbox());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(
                "post",
                "--broker-url",
                sandbox.localAws()
                        .region(LocalAwsConfig.PRIMARY_REGION)
                        .brokerUri()
                        .toString()));
        all.addAll(List.of(args));
        return line.execute(all.toArray(String[]::new));
    }

    @Test
    void postsBothSidesOfTheExamplePairAndPrintsEachSidesMatched() {
        int exit = post(
                "--credentials-file",
                ConsoleSandbox.get().credentialsFile().toString(),
                "--fresh",
                "--timeout",
                "PT90S",
                EXAMPLES.resolve("trade-BRK042.json").toString(),
                EXAMPLES.resolve("trade-IM042.json").toString());

        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("to trades.inbound as BRK042")
                .contains("to trades.inbound as IM042")
                .containsPattern(
                        Pattern.compile("(?m)^BRK042-T1-\\w+ \\(BRK042\\): MATCHED, match M-\\S+, their IM042-T1-"))
                .containsPattern(
                        Pattern.compile("(?m)^IM042-T1-\\w+ \\(IM042\\): MATCHED, match M-\\S+, their BRK042-T1-"));
    }

    /** A CANCEL of a trade never booked waits trade matching's grace period (30 s) for it before its answer. */
    @Test
    void exitsOneNamingTheMessageWhenTheTimeoutPassesFirst() throws Exception {
        String cancel = "{\"messageId\":\"BRK042-C1\",\"messageType\":\"CANCEL\",\"senderId\":\"BRK042\","
                + "\"senderRole\":\"BROKER\",\"tradeRef\":\"BRK042-NEVER\"}";

        Path file = Files.writeString(dir.resolve("cancel.json"), cancel);

        int exit = post(
                "--credentials-file",
                ConsoleSandbox.get().credentialsFile().toString(),
                "--fresh",
                "--timeout",
                "PT3S",
                file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("posted " + file + " to trades.inbound as BRK042");
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .matches("post: no answer for BRK042-NEVER-\\w+ \\(" + Pattern.quote(file.toString())
                        + "\\) within PT3S");
    }

    @Test
    void aWrongPasswordIsOneLineAndExitCodeTwo() throws Exception {
        Path wrong = Files.writeString(dir.resolve("credentials.properties"), "BRK042=not-its-password\n");

        int exit = post(
                "--credentials-file",
                wrong.toString(),
                EXAMPLES.resolve("trade-BRK042.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().toList())
                .singleElement()
                .asString()
                .startsWith("post: the broker at tcp://127.0.0.1:")
                .contains("(us-east-1) refused the login");
        assertThat(out.toString()).isEmpty();
    }
}
