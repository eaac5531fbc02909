package io.tradewind.reconciliation.cli;

import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.sql.PostgresTimeouts;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.Reconcilers;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reconciles one app in one region on demand: {@code java -jar reconciliation-replay-exec.jar --app trade-matching}.
 * The defaults point at the sandbox's us-east-1; with {@code --aws} it uses the region's real endpoints and the default
 * credential chain. Prints what each stage had finished and what it replayed; exits 0 when it replayed nothing.
 */
@Command(
        name = "reconcile",
        mixinStandardHelpOptions = true,
        description = "Finds journaled inputs that did not reach their terminal state and replays them once.")
public final class ReconcileCommand implements Callable<Integer> {

    @Option(names = "--app", required = true, description = "trade-matching or settlement-matching")
    String app;

    @Option(
            names = "--region",
            defaultValue = "us-east-1",
            description = "The active region. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--window", defaultValue = "PT24H", description = "How far back to look (ISO-8601). Default: 24 h")
    Duration window;

    @Option(names = "--rate", defaultValue = "500", description = "Most replays per second. Default: ${DEFAULT-VALUE}")
    int rate;

    @Option(names = "--aws", description = "Use the region's AWS endpoints instead of the sandbox's emulators.")
    boolean aws;

    @Option(names = "--dynamodb-endpoint", defaultValue = "http://127.0.0.1:47103")
    URI dynamoDbEndpoint;

    @Option(names = "--kinesis-endpoint", defaultValue = "http://127.0.0.1:47102")
    URI kinesisEndpoint;

    @Option(names = "--jdbc-url", defaultValue = "jdbc:postgresql://127.0.0.1:47104/tradewind")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    // No --db-password: a password on a command line is in the shell's history and in every process listing.
    @Option(
            names = "--db-password-file",
            description = "A file whose first line is the database password. Default: the environment's "
                    + PASSWORD_VARIABLE + " (or PGPASSWORD); a database on this machine (the sandbox's) needs neither.")
    Path dbPasswordFile;

    /**
     * Only to refuse it: without it picocli would answer "unknown options" and echo the password back to the terminal
     * and whatever logs it.
     */
    @Option(names = "--db-password", hidden = true)
    String refusedPassword;

    /** The environment variable the database password is read from. */
    public static final String PASSWORD_VARIABLE = "TRADEWIND_DB_PASSWORD";

    /** The sandbox's PostgreSQL password, an emulator's and no secret: used only for a database on this machine. */
    static final String SANDBOX_PASSWORD = "postgres";

    public static int run(String... args) {
        return new CommandLine(new ReconcileCommand()).execute(args);
    }

    @Override
    public Integer call() {
        if (refusedPassword != null) {
            System.err.println("reconcile: --db-password is not accepted (a command line is in the shell's history and"
                    + " every process listing): set the environment's " + PASSWORD_VARIABLE
                    + " or give --db-password-file FILE");
            return 2;
        }
        String password;
        try {
            password = databasePassword(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("reconcile: " + e.getMessage());
            return 2;
        }
        AwsClientFactory clients = new AwsClientFactory(
                aws ? AwsSettings.aws(region) : AwsSettings.local(region, kinesisEndpoint, dynamoDbEndpoint));
        try (DynamoDbClient dynamoDb = clients.dynamoDb();
                KinesisClient kinesis = clients.kinesis()) {
            Reconciler reconciler = Reconcilers.inRegion(
                    region,
                    dynamoDb,
                    kinesis,
                    () -> PostgresTimeouts.connect(jdbcUrl, dbUser, password),
                    Clock.systemUTC());
            ReconciliationRun run = reconciler.run(new ReconciliationSettings(app, window, rate, null));
            System.out.printf(
                    "%s in %s, %s to %s: %d journaled, %d rejected, %d applied, %d delivered; replayed %d (run %s)%n",
                    run.app(),
                    run.region(),
                    run.windowStart(),
                    run.windowEnd(),
                    run.journaled(),
                    run.rejected(),
                    run.applied(),
                    run.delivered(),
                    run.replayed(),
                    run.runId());
            run.replayedKeys().forEach(key -> System.out.println("  replayed " + key));
            return run.replayed() == 0 ? 0 : 1;
        }
    }

    /**
     * The database password: {@code --db-password-file}'s first line, else {@code TRADEWIND_DB_PASSWORD}, else
     * {@code PGPASSWORD}, else the sandbox's own when the database is on this machine.
     *
     * @throws IllegalArgumentException naming what to set, when none is given and a remote database needs one
     */
    String databasePassword(Map<String, String> environment) {
        if (dbPasswordFile != null) {
            try {
                return Files.readString(dbPasswordFile, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow(() ->
                                new IllegalArgumentException("--db-password-file " + dbPasswordFile + " is empty"));
            } catch (IOException e) {
                throw new IllegalArgumentException("--db-password-file " + dbPasswordFile + " cannot be read: " + e);
            }
        }
        for (String variable : List.of(PASSWORD_VARIABLE, "PGPASSWORD")) {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) return value;
        }
        if (!aws && onThisMachine(jdbcUrl)) return SANDBOX_PASSWORD;
        throw new IllegalArgumentException("no database password for " + jdbcUrl + ": set the environment's "
                + PASSWORD_VARIABLE + " or give --db-password-file FILE (never the password itself on the command"
                + " line)");
    }

    private static boolean onThisMachine(String jdbcUrl) {
        String rest = jdbcUrl.startsWith("jdbc:postgresql://") ? jdbcUrl.substring("jdbc:postgresql://".length()) : "";
        return rest.startsWith("127.0.0.1:")
                || rest.startsWith("127.0.0.1/")
                || rest.startsWith("localhost:")
                || rest.startsWith("localhost/");
    }
}
