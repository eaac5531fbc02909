package io.tradewind.reconciliation.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.UsageError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sandbox's endpoints of --region; the database password from the environment or a file, never from the command
 * line; one line and exit code 2 for what is not there.
 */
class ReconcileCommandTest {
    private static final String REMOTE = "jdbc:postgresql://db.example.com:5432/tradewind";

    @TempDir
    Path dir;

    private static ReconcileCommand parse(String... args) {
        ReconcileCommand command = new ReconcileCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine line = CommandLines.of(new ReconcileCommand());
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void refusesAPasswordOnTheCommandLine() {
        int exit = execute("--app", "trade-matching", "--db-password", "hunter2");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
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
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("--db-password-file " + dir.resolve("none"));
    }

    @Test
    void aRemoteDatabaseWithoutAPasswordIsAClearError() {
        ReconcileCommand command = parse("--app", "trade-matching", "--jdbc-url", REMOTE);

        assertThatThrownBy(() -> command.databasePassword(Map.of()))
                .isInstanceOf(UsageError.class)
                .hasMessageContaining("TRADEWIND_DB_PASSWORD")
                .hasMessageContaining("--db-password-file")
                .hasMessageContaining(REMOTE);
        ReconcileCommand onAws = parse("--app", "trade-matching", "--aws");
        assertThatThrownBy(() -> onAws.databasePassword(Map.of())).isInstanceOf(UsageError.class);
    }

    @Test
    void theSandboxesDatabaseOnThisMachineNeedsNone() {
        assertThat(parse("--app", "trade-matching").databasePassword(Map.of()))
                .isEqualTo(ReconcileCommand.SANDBOX_PASSWORD);
    }

    @Test
    void withoutAPasswordTheCommandExitsTwoBeforeConnectingAnywhere() {
        int exit = execute(
                "--app",
                "trade-matching",
                "--jdbc-url",
                REMOTE,
                "--db-password-file",
                dir.resolve("missing").toString());

        assertThat(exit).isEqualTo(2);
    }

    /** The finding: --region us-west-2 kept us-east-1's endpoints. */
    @Test
    void theRegionPicksTheSandboxesEndpointsOfThatRegion() {
        ReconcileCommand west = parse("--app", "trade-matching", "--region", "us-west-2");

        assertThat(west.dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:47203"));
        assertThat(west.kinesisEndpoint()).isEqualTo(URI.create("http://127.0.0.1:47202"));
        assertThat(west.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:47204/tradewind");
        ReconcileCommand east = parse("--app", "trade-matching");
        assertThat(east.dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:47103"));
        assertThat(east.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:47104/tradewind");
    }

    @Test
    void anEndpointGivenWinsOverTheRegions() {
        ReconcileCommand command = parse(
                "--app", "trade-matching", "--region", "us-west-2", "--dynamodb-endpoint", "http://localstack:4566");

        assertThat(command.dynamoDbEndpoint()).isEqualTo(URI.create("http://localstack:4566"));
        assertThat(command.kinesisEndpoint()).isEqualTo(URI.create("http://127.0.0.1:47202"));
    }

    @Test
    void aRegionTheSandboxDoesNotRunIsOneLineAndExitCodeTwo() {
        assertThat(execute("--app", "trade-matching", "--region", "eu-west-1")).isEqualTo(2);

        assertThat(err.toString().lines().toList())
                .containsExactly("reconciliation-replay: --region: unknown region 'eu-west-1'; the sandbox runs"
                        + " us-east-1 and us-west-2");
    }

    @Test
    void onAwsTheDatabaseMustBeNamed() {
        assertThat(execute("--app", "trade-matching", "--aws", "--region", "us-west-2"))
                .isEqualTo(2);

        assertThat(err.toString()).startsWith("reconciliation-replay: --aws needs --jdbc-url");
    }

    /**
     * The finding, end to end: a region whose DynamoDB has no tables (the sandbox is not the one running there)
     * ended in a stack trace; now it is one line naming DynamoDB, its address and the region, and exit code 2.
     */
    @Test
    void aRegionWithoutTheSandboxesTablesIsOneLineNamingDynamoDbAndTheRegion() throws Exception {
        HttpServer noTables = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        noTables.createContext("/", exchange -> {
            byte[] body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                            + "\"message\":\"Cannot do operations on a non-existent table\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ResourceNotFoundException");
            exchange.sendResponseHeaders(400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        noTables.start();
        try {
            String endpoint = "http://127.0.0.1:" + noTables.getAddress().getPort();
            int exit = execute(
                    "--app",
                    "trade-matching",
                    "--region",
                    "us-west-2",
                    "--dynamodb-endpoint",
                    endpoint,
                    "--kinesis-endpoint",
                    endpoint,
                    "--jdbc-url",
                    "jdbc:postgresql://127.0.0.1:" + closedPort() + "/tradewind");

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString().lines().toList())
                    .containsExactly("reconciliation-replay: DynamoDB at " + endpoint + " (us-west-2) has no such table"
                            + " (Cannot do operations on a non-existent table): is the sandbox running?");
        } finally {
            noTables.stop(0);
        }
    }

    @Test
    void aRegionWhoseDatabaseDoesNotAnswerIsOneLineNamingIt() throws Exception {
        int port = closedPort();
        int exit = execute(
                "--app",
                "trade-matching",
                "--region",
                "us-west-2",
                "--dynamodb-endpoint",
                "http://127.0.0.1:" + port,
                "--kinesis-endpoint",
                "http://127.0.0.1:" + port,
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + port + "/tradewind");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString())
                .startsWith("reconciliation-replay: cannot reach ")
                .contains("127.0.0.1:" + port)
                .endsWith("(us-west-2): is the sandbox running?" + System.lineSeparator());
    }

    /** A port nothing listens on: one that was free a moment ago. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
