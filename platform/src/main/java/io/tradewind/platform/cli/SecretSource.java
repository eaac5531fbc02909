package io.tradewind.platform.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command line reads a secret: the first line of a file its {@code --*-file} option names, else a {@code
 * TRADEWIND_*} variable of the environment. Never an argument's value: a command line is in the shell's history and in
 * every process listing.
 */
public final class SecretSource {
    private SecretSource() {}

    /**
     * The secret: {@code file}'s first line when an option named it, else {@code variable}'s value, else empty.
     *
     * @param option the option that named the file, as the error names it (e.g. {@code --db-password-file})
     * @throws UsageError naming the option and the file when the file is empty or cannot be read
     */
    public static Optional<String> read(String option, Path file, String variable, Map<String, String> environment) {
        if (file != null) return Optional.of(firstLine(option, file));
        String value = variable == null ? null : environment.get(variable);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The first line of {@code file}, the secret alone. */
    public static String firstLine(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .filter(line -> !line.isEmpty())
                    .orElseThrow(() -> new UsageError(option + " " + file + " is empty"));
        } catch (IOException e) {
            throw new UsageError(option + " " + file + " cannot be read: " + e, e);
        }
    }
}
