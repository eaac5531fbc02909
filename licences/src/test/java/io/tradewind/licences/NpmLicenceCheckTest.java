package io.tradewind.licences;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm licence check (check-npm-licences.js), run on Node as the build runs it before {@code npm ci}. */
class NpmLicenceCheckTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ALLOWED = MODULE.resolve("allowed-licences.txt");

    @TempDir
    Path dir;

    @Test
    void refusesEveryPackageWhoseLicenceIsNotAllowedOrNotDeclaredAndNamesEach() throws Exception {
        Run run = check(MODULE.resolve("src/test/resources/npm/forbidden-package-lock.json"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errors())
                .contains("3 of 6 packages")
                .contains("closed@2.0.0 (SEE LICENSE IN EULA.txt): not on the allow-list")
                .contains("undeclared@3.0.0 (none): no licence declared")
                .contains("both@5.0.0 ((MIT AND BUSL-1.1)): not on the allow-list")
                .doesNotContain("open@")
                .doesNotContain("either@")
                .doesNotContain("nested@");
        assertThat(Files.readAllLines(dir.resolve("report.txt")))
                .contains(
                        "either@4.0.0\t(BUSL-1.1 OR Apache-2.0)\tallowed",
                        "nested@6.0.0\tApache-2.0 WITH LLVM-exception\tallowed",
                        "undeclared@3.0.0\t-\tno licence declared");
    }

    @Test
    void acceptsThePackagesTheSandboxInstalls() throws Exception {
        Run run = check(MODULE.resolve("../local-aws/src/main/node/package-lock.json"));

        assertThat(run.exitCode()).as(run.errors()).isZero();
        assertThat(Files.readString(dir.resolve("report.txt")))
                .contains("dynalite@4.0.0\tApache-2.0\tallowed")
                .contains("kinesalite@3.3.3\tMIT\tallowed");
    }

    private record Run(int exitCode, String errors) {}

    private Run check(Path lockFile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                        System.getProperty("tradewind.node", "node"),
                        MODULE.resolve("check-npm-licences.js").toString(),
                        lockFile.toString(),
                        ALLOWED.toString(),
                        dir.resolve("report.txt").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), errors);
    }
}
