package io.tradewind.licences;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Maven licence check refuses a dependency under a vendor's own terms: the dry run (dry-run/pom.xml) runs the
 * build's own licence configuration on a project that depends on one, taken from a file repository beside it.
 */
class MavenLicenceCheckIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void aDependencyUnderAVendorsOwnTermsFailsTheBuildByName() throws Exception {
        Path log = Files.createDirectories(MODULE.resolve("target")).resolve("licence-dry-run.log");
        Process build = new ProcessBuilder(List.of(
                        MODULE.resolve("../mvnw").normalize().toString(),
                        "-B",
                        "-f",
                        MODULE.resolve("dry-run/pom.xml").toString(),
                        "validate"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(build.waitFor(5, TimeUnit.MINUTES))
                .as("the dry run finished")
                .isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(build.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("License: 'Example Vendor Customer Agreement' used by 1 dependencies")
                .contains("com.example.proprietary:closed-emulator:1.0")
                .contains("There are some forbidden licenses used");
    }
}
