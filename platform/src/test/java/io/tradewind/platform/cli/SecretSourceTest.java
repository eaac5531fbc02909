package io.tradewind.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret comes from a file an option names, else from the environment, never from an argument. */
class SecretSourceTest {
    @TempDir
    Path dir;

    @Test
    void theFilesFirstLineComesBeforeTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("secret"), "from-file\nignored\n");

        assertThat(SecretSource.read("--password-file", file, "TRADEWIND_X", Map.of("TRADEWIND_X", "from-env")))
                .contains("from-file");
        assertThat(SecretSource.read("--password-file", null, "TRADEWIND_X", Map.of("TRADEWIND_X", "from-env")))
                .contains("from-env");
        assertThat(SecretSource.read("--password-file", null, "TRADEWIND_X", Map.of("TRADEWIND_X", "")))
                .isEmpty();
    }

    @Test
    void anEmptyOrMissingFileIsAUsageErrorNamingTheOption() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "");

        assertThatThrownBy(() -> SecretSource.read("--password-file", empty, null, Map.of()))
                .isInstanceOf(UsageError.class)
                .hasMessage("--password-file " + empty + " is empty");
        assertThatThrownBy(() -> SecretSource.read("--password-file", dir.resolve("none"), null, Map.of()))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("--password-file " + dir.resolve("none") + " cannot be read");
    }
}
