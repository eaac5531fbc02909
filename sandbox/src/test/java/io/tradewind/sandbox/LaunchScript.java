package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The repository's {@code ./tradewind} script, run as a user runs it (by its shebang, in its own process), and what it
 * printed and how it exited.
 */
final class LaunchScript {
    /** The script at the repository's root; tests run in the sandbox module's directory. */
    static final Path IN_REPOSITORY =
            Path.of("..", "tradewind").toAbsolutePath().normalize();

    private static final long TIMEOUT_SECONDS = 120;

    private LaunchScript() {}

    /** How one run ended: its exit code and everything it wrote to standard output and standard error. */
    record Run(int exitCode, String out, String err) {}

    /** Runs {@code script} with {@code args}, in an environment {@code environment} may change first. */
    static Run run(Path script, Consumer<Map<String, String>> environment, String... args)
            throws IOException, InterruptedException {
        assertThat(script).as("the launch script").isExecutable();
        Path out = Files.createTempFile("tradewind-script", ".out");
        Path err = Files.createTempFile("tradewind-script", ".err");
        try {
            String[] command = new String[args.length + 1];
            command[0] = script.toString();
            System.arraycopy(args, 0, command, 1, args.length);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            environment.accept(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " still ran after " + TIMEOUT_SECONDS + " s");
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs the repository's script with {@code args} in the test's own environment. */
    static Run run(String... args) throws IOException, InterruptedException {
        return run(IN_REPOSITORY, environment -> {}, args);
    }
}
