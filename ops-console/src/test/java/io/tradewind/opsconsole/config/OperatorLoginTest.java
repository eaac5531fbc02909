package io.tradewind.opsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.gateway.JmsLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorLoginTest {
    @TempDir
    Path dir;

    @Test
    void takesThePasswordFromTheEnvironmentFirst() {
        assertThat(OperatorLogin.resolve(Map.of("TRADEWIND_MQ_PASSWORD", "from-the-environment"), false))
                .isEqualTo(new JmsLogin("ops-console", "from-the-environment"));
    }

    @Test
    void readsTheSandboxsCredentialsFileWithoutAPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials.properties"), "ops-console=from-the-file\nBRK001=x\n");

        assertThat(OperatorLogin.resolve(Map.of("TRADEWIND_SANDBOX_CREDENTIALS", file.toString()), true))
                .isEqualTo(new JmsLogin("ops-console", "from-the-file"));
    }

    @Test
    void onAwsRefusesToGoOnWithoutAPasswordNamingTheVariable() {
        assertThatThrownBy(() -> OperatorLogin.resolve(Map.of(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRADEWIND_MQ_PASSWORD");
        assertThatThrownBy(() -> OperatorLogin.resolve(
                        Map.of(
                                "TRADEWIND_SANDBOX_CREDENTIALS",
                                dir.resolve("none").toString()),
                        true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials file");
    }
}
