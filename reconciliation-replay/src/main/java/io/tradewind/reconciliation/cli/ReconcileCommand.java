package io.tradewind.reconciliation.cli;

import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.SandboxEndpoints;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.Endpoint;
import io.tradewind.platform.cli.ReachesEndpoints;
import io.tradewind.platform.cli.SecretSource;
import io.tradewind.platform.cli.UsageError;
import io.tradewind.platform.cli.VerboseOption;
import io.tradewind.platform.sql.PostgresTimeouts;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.Reconcilers;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Reconciles one app in one region on demand: {@code java -jar reconciliation-replay-exec.jar --app trade-matching
 * --region us-west-2}. Without {@code --aws} it reaches the sandbox's endpoints of {@code --region} (each may be given
 * instead); with {@code --aws}, the region's real endpoints and the default credential chain. Prints what each stage had
 * finished and what it replayed; exits 0 when it replayed nothing.
 */
@Command(
        name = "reconciliation-replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Finds journaled inputs that did not reach their terminal state and replays them once.")
public final class ReconcileCommand implements Callable<Integer>, ReachesEndpoints {

    @Option(names = "--app", required = true, description = "trade-matching or settlement-matching")
    String app;

    @Option(
            names = "--region",
            defaultValue = Deployment.PRIMARY_REGION,
            description =
                    "The active region, whose sandbox endpoints are the defaults below. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--window", defaultValue = "PT24H", description = "How far back to look (ISO-8601). Default: 24 h")
    Duration window;

    @Option(
            names = "--replay-rate",
            defaultValue = "500",
            description = "Most replays per second. Default: ${DEFAULT-VALUE}")
    int replayRate;

    @Option(names = "--aws", description = "Use the region's AWS endpoints instead of the sandbox's emulators.")
    boolean aws;

    @Option(
            names = "--dynamodb-endpoint",
            description = "Default: the sandbox's DynamoDB in --region (http://127.0.0.1:47n03), or AWS's with --aws")
    URI dynamoDbEndpoint;

    @Option(
            names = "--kinesis-endpoint",
            description = "Default: the sandbox's Kinesis in --region (http://127.0.0.1:47n02), or AWS's with --aws")
    URI kinesisEndpoint;

    @Option(
            names = "--jdbc-url",
            description = "Default: the sandbox's PostgreSQL in --region (jdbc:postgresql://127.0.0.1:47n04/tradewind);"
                    + " required with --aws")
    String jdbcUrl;

    @Option(
            names = "--db-user",
            defaultValue = SandboxEndpoints.DATABASE_USER,
            description = "Default: ${DEFAULT-VALUE}")
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

    @Mixin
    VerboseOption verbose;

    /** The environment variable the database password is read from. */
    public static final String PASSWORD_VARIABLE = "TRADEWIND_DB_PASSWORD";

    /** The sandbox's PostgreSQL password, an emulator's and no secret: used only for a database on this machine. */
    static final String SANDBOX_PASSWORD = SandboxEndpoints.DATABASE_USER;

    public static int run(String... args) {
        return CommandLines.execute(new ReconcileCommand(), args);
    }

    @Override
    public Integer call() {
        if (refusedPassword != null)
            throw new UsageError("--db-password is not accepted (a command line is in the shell's history and"
                    + " every process listing): set the environment's " + PASSWORD_VARIABLE
                    + " or give --db-password-file FILE");
        String password = databasePassword(System.getenv());
        AwsClientFactory clients = new AwsClientFactory(
                aws
                        ? AwsSettings.aws(region, kinesisEndpoint, dynamoDbEndpoint)
                        : AwsSettings.local(region, kinesisEndpoint(), dynamoDbEndpoint()));
        try (DynamoDbClient dynamoDb = clients.dynamoDb();
                KinesisClient kinesis = clients.kinesis()) {
            Reconciler reconciler = Reconcilers.inRegion(
                    region,
                    dynamoDb,
                    kinesis,
                    () -> PostgresTimeouts.connect(jdbcUrl(), dbUser, password),
                    Clock.systemUTC());
            ReconciliationRun run = reconciler.run(new ReconciliationSettings(app, window, replayRate, null));
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

    /** DynamoDB: {@code --dynamodb-endpoint}, else the sandbox's in {@code --region}. */
    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint != null ? dynamoDbEndpoint : sandbox().dynamoDb();
    }

    /** Kinesis: {@code --kinesis-endpoint}, else the sandbox's in {@code --region}. */
    URI kinesisEndpoint() {
        return kinesisEndpoint != null ? kinesisEndpoint : sandbox().kinesis();
    }

    /** The database: {@code --jdbc-url}, else the sandbox's in {@code --region}; on AWS it must be given. */
    String jdbcUrl() {
        if (jdbcUrl != null) return jdbcUrl;
        if (aws) throw new UsageError("--aws needs --jdbc-url (the app's Aurora writer in " + region + ")");
        return sandbox().jdbcUrl();
    }

    private SandboxEndpoints.Region sandbox() {
        return CommandLines.sandboxRegion(region);
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint(
                Endpoint.DYNAMODB,
                aws && dynamoDbEndpoint == null ? "AWS" : dynamoDbEndpoint().toString(),
                region,
                !aws));
        endpoints.add(new Endpoint(
                Endpoint.KINESIS,
                aws && kinesisEndpoint == null ? "AWS" : kinesisEndpoint().toString(),
                region,
                !aws));
        endpoints.add(new Endpoint(Endpoint.POSTGRESQL, jdbcUrl != null || !aws ? jdbcUrl() : "AWS", region, !aws));
        return endpoints;
    }

    /**
     * The database password: {@code --db-password-file}'s first line, else {@code TRADEWIND_DB_PASSWORD}, else
     * {@code PGPASSWORD}, else the sandbox's own when the database is on this machine.
     *
     * @throws UsageError naming what to set, when none is given and a remote database needs one
     */
    String databasePassword(Map<String, String> environment) {
        return SecretSource.read("--db-password-file", dbPasswordFile, PASSWORD_VARIABLE, environment)
                .or(() -> SecretSource.read("--db-password-file", null, "PGPASSWORD", environment))
                .or(() -> !aws && onThisMachine(jdbcUrl()) ? Optional.of(SANDBOX_PASSWORD) : Optional.empty())
                .orElseThrow(() -> new UsageError("no database password for " + jdbcUrl() + ": set the environment's "
                        + PASSWORD_VARIABLE + " or give --db-password-file FILE (never the password itself on the"
                        + " command line)"));
    }

    private static boolean onThisMachine(String jdbcUrl) {
        String rest = jdbcUrl.startsWith("jdbc:postgresql://") ? jdbcUrl.substring("jdbc:postgresql://".length()) : "";
        return rest.startsWith("127.0.0.1:")
                || rest.startsWith("127.0.0.1/")
                || rest.startsWith("localhost:")
                || rest.startsWith("localhost/");
    }
}
