package io.tradewind.sandbox.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.sandbox.DemoConsoleUsers;
import io.tradewind.sandbox.readme.ReadmeTable.Entry;
import io.tradewind.sandbox.readme.ReadmeTable.How;
import io.tradewind.sandbox.stop.ChildCommand;
import io.tradewind.sandbox.stop.StopMidRotation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the READMEs' commands as {@link ReadmeTable} says, as a user types them in the repository's root, on the jars
 * this build's package phase made: first those that need nothing running, each to its end or to its start line, then
 * the README's own sandbox ({@code ./tradewind sandbox}, fixed ports, {@code target/sandbox}) with the commands that
 * talk to it, unchanged, in the table's order, and the sandbox stopped as Ctrl-C stops it in the worst state we know
 * ({@link StopMidRotation}: the generator on, a rotation in flight, a database down).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the READMEs' commands are POSIX shell commands")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeCommandsIT {
    private static final Path REPOSITORY = ReadmeTableTest.REPOSITORY;
    /** The work dir of {@code ./tradewind sandbox} run in the repository's root, as the README runs it. */
    private static final Path README_SANDBOX = REPOSITORY.resolve("target/sandbox");

    private static final Pattern EXECUTION_ID =
            Pattern.compile("execution ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    @TempDir
    static Path outputs;

    private static ChildCommand sandbox;
    /** The last execution id a command printed: what {@code {ID}} stands for. */
    private static String lastExecutionId;

    @AfterAll
    static void stopTheSandbox() throws Exception {
        if (sandbox != null) sandbox.stop(ReadmeTable.BOUND);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> theCommandsThatNeedNothingRunning() {
        return ReadmeTable.ENTRIES.stream()
                .filter(e -> !e.onSandbox() && (e.how() == How.RUN || e.how() == How.UNTIL_STARTED))
                .map(e -> dynamicTest(e.run(), () -> exercise(e)));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> theCommandsOnTheReadmesSandbox() {
        Entry start = ReadmeTable.ENTRIES.stream()
                .filter(e -> e.how() == How.SANDBOX)
                .findFirst()
                .orElseThrow();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(start.run(), () -> {
            sandbox = start(start.run());
            sandbox.awaitOutput(start.expect(), ReadmeTable.BOUND);
        }));
        ReadmeTable.ENTRIES.stream()
                .filter(Entry::onSandbox)
                .forEach(e -> tests.add(dynamicTest(e.run(), () -> {
                    assertThat(sandbox)
                            .as("the README's sandbox, started above")
                            .isNotNull();
                    exercise(e);
                })));
        tests.add(dynamicTest(
                "Ctrl-C stops " + start.run() + " mid-rotation with a database down within "
                        + StopMidRotation.STOPS_WITHIN,
                () -> {
                    assertThat(sandbox)
                            .as("the README's sandbox, started above")
                            .isNotNull();
                    ChildCommand running = sandbox;
                    sandbox = null;
                    try (running) {
                        StopMidRotation.assertStops(running, README_SANDBOX);
                        assertThat(running.exitValue()).as("Ctrl-C's status").isIn(0, 130, 143);
                    }
                }));
        return tests.stream();
    }

    private static void exercise(Entry entry) throws Exception {
        try (ChildCommand child = start(substituted(entry.run()))) {
            if (entry.how() == How.UNTIL_STARTED) {
                child.awaitOutput(entry.expect(), ReadmeTable.BOUND);
                child.stop(ReadmeTable.BOUND);
                return;
            }
            int exit = child.awaitEnd(ReadmeTable.BOUND);
            String output = child.output();
            Matcher id = EXECUTION_ID.matcher(output);
            while (id.find()) lastExecutionId = id.group(1);
            assertThat(exit).as("exit code of %s%n%s", entry.run(), output).isEqualTo(entry.exit());
            assertThat(output).as("output of %s", entry.run()).contains(entry.expect());
        }
    }

    private static String substituted(String command) {
        if (command.contains("{ID}")) {
            assertThat(lastExecutionId)
                    .as("an execution id printed by a command before")
                    .isNotNull();
            command = command.replace("{ID}", lastExecutionId);
        }
        if (command.contains("{VIEWER_PASSWORD}")) {
            Map<String, String> logins =
                    SandboxCredentials.read(README_SANDBOX.resolve(CommandLineSignIn.SANDBOX_LOGINS_FILE));
            command = command.replace("{VIEWER_PASSWORD}", logins.get(DemoConsoleUsers.VIEWER));
        }
        return command;
    }

    /** {@code command} run by bash in the repository's root, its standard output and error in one file. */
    private static ChildCommand start(String command) throws IOException {
        return ChildCommand.shell(Files.createTempFile(outputs, "command", ".out"), REPOSITORY, command);
    }
}
