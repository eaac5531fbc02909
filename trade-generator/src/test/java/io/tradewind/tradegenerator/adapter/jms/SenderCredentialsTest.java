package io.tradewind.tradegenerator.adapter.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SenderCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void readsUserEqualsPasswordLinesAndEscapedIds() throws Exception {
        Path file = Files.writeString(
                dir.resolve("credentials.properties"),
                "# written by the sandbox\nBRK001=s3cr3t-A_b\nIM\\:42=other=part\n");

        SenderCredentials credentials = SenderCredentials.from(file, Map.of());

        assertThat(credentials.passwordOf("BRK001")).contains("s3cr3t-A_b");
        assertThat(credentials.passwordOf("IM:42")).contains("other=part");
        assertThat(credentials.passwordOf("IM001")).isEmpty();
    }

    @Test
    void aSenderTheFileLacksIsLookedForInTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials.properties"), "BRK001=from-file\n");

        SenderCredentials credentials = SenderCredentials.from(
                file,
                Map.of(
                        "TRADEWIND_PASSWORD_BRK001", "ignored",
                        "TRADEWIND_PASSWORD_IM_01_X", "from-env"));

        assertThat(credentials.passwordOf("BRK001")).contains("from-file");
        assertThat(credentials.passwordOf("im.01/x")).contains("from-env");
        assertThat(SenderCredentials.environmentVariable("DESK-001")).isEqualTo("TRADEWIND_PASSWORD_DESK_001");
    }

    @Test
    void namesEverySenderWithoutAPasswordAndWhereItLooked() {
        SenderCredentials credentials = SenderCredentials.from(
                dir.resolve("missing.properties"), Map.of("TRADEWIND_PASSWORD_BRK001", "from-env"));

        assertThatThrownBy(() -> credentials.requireAll(List.of("BRK001", "BRK002", "IM042", "BRK002")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no broker password for [BRK002, IM042]")
                .hasMessageContaining("missing.properties (missing)")
                .hasMessageContaining("TRADEWIND_PASSWORD_<ID>");
    }

    @Test
    void neverPrintsASecret() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials.properties"), "BRK001=very-secret\n");

        assertThat(SenderCredentials.from(file, Map.of("TRADEWIND_PASSWORD_X", "also-secret"))
                        .toString())
                .doesNotContain("very-secret")
                .doesNotContain("also-secret");
    }
}
