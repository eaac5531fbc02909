package io.tradewind.reconciliation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The database password comes from the environment or a file, never from the command line. */
class ReconcileCommandTest {
    private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/tradewind";

    @TempDir
    Path dir;

    private static ReconcileCommand parse(String... args) {
        ReconcileCommand command = new ReconcileCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void refusesAPasswordOnTheCommandLine() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new ReconcileCommand())
                    .execute("--app", "trade-matching", "--db-password", "hunter2");
        } finally {
            System.setErr(original);
        }

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--db-password is not accepted")
                .contains("TRADEWIND_DB_PASSWORD")
                .doesNotContain("hunter2");
        assertThat(new CommandLine(new ReconcileCommand()).getUsageMessage()).doesNotContain("--db-password ");
    }

    @Test
    void readsThePasswordFromTheEnvironment() {
        ReconcileCommand command = parse("--app", "trade-matching", "--jdbc-url", REMOTE);

        assertThat(command.databasePassword(Map.of("TRADEWIND_DB_PASSWORD", "from-env", "PGPASSWORD", "other")))
                .isEqualTo("from-env");
        assertThat(command.databasePassword(Map.of("PGPASSWORD", "libpq-style")))
                .isEqualTo("libpq-style");
    }

    @Test
    void readsThePasswordFileFirstLineBeforeTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("db.password"), "from-file\n");

        ReconcileCommand command =
                parse("--app", "trade-matching", "--jdbc-url", REMOTE, "--db-password-file", file.toString());

        assertThat(command.databasePassword(Map.of("TRADEWIND_DB_PASSWORD", "from-env")))
                .isEqualTo("from-file");
    }

    @Test
    void aPasswordFileThatCannotBeReadIsNamed() {
        ReconcileCommand command = parse(
                "--app",
                "trade-matching",
                "--db-password-file",
                dir.resolve("none").toString());

        assertThatThrownBy(() -> command.databasePassword(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--db-password-file " + dir.resolve("none"));
    }

    @Test
    void aRemoteDatabaseWithoutAPasswordIsAClearError() {
        ReconcileCommand command = parse("--app", "trade-matching", "--jdbc-url", REMOTE);

        assertThatThrownBy(() -> command.databasePassword(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRADEWIND_DB_PASSWORD")
                .hasMessageContaining("--db-password-file")
                .hasMessageContaining(REMOTE);
        ReconcileCommand onAws = parse("--app", "trade-matching", "--aws");
        assertThatThrownBy(() -> onAws.databasePassword(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSandboxesDatabaseOnThisMachineNeedsNone() {
        assertThat(parse("--app", "trade-matching").databasePassword(Map.of()))
                .isEqualTo(ReconcileCommand.SANDBOX_PASSWORD);
    }

    @Test
    void withoutAPasswordTheCommandExitsTwoBeforeConnectingAnywhere() {
        int exit = new CommandLine(new ReconcileCommand())
                .execute(
                        "--app",
                        "trade-matching",
                        "--jdbc-url",
                        REMOTE,
                        "--db-password-file",
                        dir.resolve("missing").toString());

        assertThat(exit).isEqualTo(2);
    }
}
