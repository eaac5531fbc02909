package io.tradewind.reconciliation.cli;

import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.sql.PostgresTimeouts;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.Reconcilers;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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

    @Option(names = "--db-password", defaultValue = "postgres", description = "Or the environment's PGPASSWORD.")
    String dbPassword;

    public static int run(String... args) {
        return new CommandLine(new ReconcileCommand()).execute(args);
    }

    @Override
    public Integer call() {
        AwsClientFactory clients = new AwsClientFactory(
                aws ? AwsSettings.aws(region) : AwsSettings.local(region, kinesisEndpoint, dynamoDbEndpoint));
        String password = System.getenv().getOrDefault("PGPASSWORD", dbPassword);
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
}
