package io.tradewind.sandbox.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.tradewind.sandbox.readme.ReadmeTable.Entry;
import io.tradewind.sandbox.readme.ReadmeTable.How;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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

/**
 * Runs the READMEs' commands as {@link ReadmeTable} says, as a user types them in the repository's root, on the jars
 * this build's package phase made: first those that need nothing running, each to its end or to its start line, then
 * the README's own sandbox ({@code ./tradewind sandbox}, fixed ports, {@code target/sandbox}) with the commands that
 * talk to it, unchanged, in the table's order, and the sandbox stopped as Ctrl-C stops it.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the READMEs' commands are POSIX shell commands")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeCommandsIT {
    private static final Path REPOSITORY = ReadmeTableTest.REPOSITORY;
    private static final Pattern EXECUTION_ID =
            Pattern.compile("execution ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    /** How long to wait between looks at a child's output. */
    private static final Duration POLL = Duration.ofMillis(200);

    private static Child sandbox;
    /** The last execution id a command printed: what {@code {ID}} stands for. */
    private static String lastExecutionId;

    @AfterAll
    static void stopTheSandbox() throws Exception {
        if (sandbox != null) sandbox.close();
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
            sandbox = Child.start(start.run());
            sandbox.awaitLine(start.expect());
        }));
        ReadmeTable.ENTRIES.stream()
                .filter(Entry::onSandbox)
                .forEach(e -> tests.add(dynamicTest(e.run(), () -> {
                    assertThat(sandbox)
                            .as("the README's sandbox, started above")
                            .isNotNull();
                    exercise(e);
                })));
        tests.add(dynamicTest("Ctrl-C stops " + start.run(), () -> {
            assertThat(sandbox).as("the README's sandbox, started above").isNotNull();
            Child running = sandbox;
            sandbox = null;
            assertThat(running.stop())
                    .as("exit code after SIGTERM\n" + running.output())
                    .isIn(0, 130, 143);
        }));
        return tests.stream();
    }

    private static void exercise(Entry entry) throws Exception {
        try (Child child = Child.start(substituted(entry.run()))) {
            if (entry.how() == How.UNTIL_STARTED) {
                child.awaitLine(entry.expect());
                return;
            }
            int exit = child.awaitExit();
            String output = child.output();
            Matcher id = EXECUTION_ID.matcher(output);
            while (id.find()) lastExecutionId = id.group(1);
            assertThat(exit).as("exit code of %s%n%s", entry.run(), output).isEqualTo(entry.exit());
            assertThat(output).as("output of %s", entry.run()).contains(entry.expect());
        }
    }

    private static String substituted(String command) throws IOException {
        if (command.contains("{ID}")) {
            assertThat(lastExecutionId)
                    .as("an execution id printed by a command before")
                    .isNotNull();
            command = command.replace("{ID}", lastExecutionId);
        }
        if (command.contains("{VIEWER_PASSWORD}")) {
            Properties logins = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    REPOSITORY.resolve("target/sandbox/console-logins.properties"), StandardCharsets.UTF_8)) {
                logins.load(reader);
            }
            command = command.replace("{VIEWER_PASSWORD}", logins.getProperty("sre-viewer"));
        }
        return command;
    }

    /** A command run by bash in the repository's root, its standard output and error in one file. */
    private static final class Child implements AutoCloseable {
        private final String command;
        private final Process process;
        private final Path output;

        private Child(String command, Process process, Path output) {
            this.command = command;
            this.process = process;
            this.output = output;
        }

        static Child start(String command) throws IOException {
            Path output = Files.createTempFile("readme-command", ".out");
            Process process = new ProcessBuilder("bash", "-c", command)
                    .directory(REPOSITORY.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new Child(command, process, output);
        }

        String output() throws IOException {
            return Files.readString(output, StandardCharsets.UTF_8);
        }

        /** Waits until the command printed {@code line}; it must not end first. */
        void awaitLine(String line) throws Exception {
            long deadline = System.nanoTime() + ReadmeTable.BOUND.toNanos();
            while (!output().contains(line)) {
                assertThat(process.isAlive())
                        .as(
                                "%s ended (exit %s) before it printed '%s':%n%s",
                                command, process.isAlive() ? "" : process.exitValue(), line, output())
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("%s printed no '%s' within %s:%n%s", command, line, ReadmeTable.BOUND, output())
                        .isLessThan(deadline);
                Thread.sleep(POLL.toMillis());
            }
        }

        int awaitExit() throws Exception {
            assertThat(process.waitFor(ReadmeTable.BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("%s still ran after %s:%n%s", command, ReadmeTable.BOUND, output())
                    .isTrue();
            return process.exitValue();
        }

        /**
         * Stops it as Ctrl-C does (SIGTERM) and waits for it to end, then for whatever it started (emulators it
         * would have stopped itself): a sandbox stopped half-way must not keep the fixed ports from the next one.
         */
        int stop() throws Exception {
            List<ProcessHandle> started = process.descendants().toList();
            process.destroy();
            boolean ended = process.waitFor(ReadmeTable.BOUND.toSeconds(), TimeUnit.SECONDS);
            for (ProcessHandle left : started) {
                left.destroy();
                try {
                    left.onExit().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    left.destroyForcibly();
                }
            }
            assertThat(ended)
                    .as("%s still ran %s after SIGTERM", command, ReadmeTable.BOUND)
                    .isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws Exception {
            try {
                if (process.isAlive()) stop();
            } finally {
                if (process.isAlive()) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                Files.deleteIfExists(output);
            }
        }
    }
}
