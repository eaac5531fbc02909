package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void writesUserEqualsPasswordLinesReadableByItsOwnerOnly() throws Exception {
        Path file = SandboxCredentials.fileIn(dir.resolve("sandbox"));

        SandboxCredentials.add(file, Map.of("BRK001", "abc_DEF-123", "IM:42", "x"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).contains("BRK001=abc_DEF-123", "IM\\:42=x");
        assertThat(SandboxCredentials.read(file)).isEqualTo(Map.of("BRK001", "abc_DEF-123", "IM:42", "x"));
    }

    @Test
    void keepsTheUsersItHoldsAndReplacesAChangedPassword() throws Exception {
        Path file = SandboxCredentials.fileIn(dir);
        Files.writeString(file, "trade-matching=service-secret\nBRK001=old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SandboxCredentials.add(file, Map.of("BRK001", "new", "DESK001", "d"));

        assertThat(SandboxCredentials.read(file))
                .isEqualTo(Map.of("trade-matching", "service-secret", "BRK001", "new", "DESK001", "d"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aMissingFileHoldsNoUser() {
        assertThat(SandboxCredentials.read(dir.resolve("none.properties"))).isEmpty();
    }
}
