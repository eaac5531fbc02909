package io.tradewind.platform.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClientBuilder;

/**
 * Builds the AWS clients Spring Cloud AWS has no starter for (Kinesis, KCL's async clients, the ARC cluster's data
 * plane), and every client of the command lines, located by an {@link AwsClientLocation}: in a Spring Boot service the
 * region, credentials and endpoint overrides Spring Cloud AWS resolves ({@code spring.cloud.aws.*}), elsewhere {@link
 * AwsSettings}. So the sandbox and AWS differ only in configuration. Kinesis clients speak HTTP/1.1 (kinesalite cannot do HTTP/2, and polling consumers gain nothing from it). Every
 * client bounds each call: {@link #CALL_ATTEMPT_TIMEOUT} per attempt and {@link #CALL_TIMEOUT} in all, KCL's async
 * clients too, so a dependency that stops answering fails a call within seconds.
 */
public final class AwsClientFactory {
    /** The longest one attempt of a call may take (an HTTP request and its answer). */
    public static final Duration CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** The longest a call may take in all: its attempts and the SDK's pauses between them. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** An ARC cluster endpoint's answer: short, since the next endpoint is tried when one fails. */
    public static final Duration ARC_CALL_TIMEOUT = Duration.ofSeconds(3);

    private static final String CBOR_PROPERTY = "aws.cborEnabled";

    private final AwsClientLocation location;

    public AwsClientFactory(AwsClientLocation location) {
        this.location = location;
        if (!location.kinesisCbor()) {
            // The SDK reads this JVM-wide switch when a Kinesis client is built; kinesalite answers JSON only.
            System.setProperty(CBOR_PROPERTY, "false");
        }
    }

    public KinesisClient kinesis() {
        return location.locate(KinesisClient.builder(), AwsService.KINESIS)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
                .overrideConfiguration(sdkRetries())
                .build();
    }

    public KinesisAsyncClient kinesisAsync() {
        return location.locate(KinesisAsyncClient.builder(), AwsService.KINESIS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(64))
                .overrideConfiguration(boundedCalls())
                .build();
    }

    /**
     * A DynamoDB client of the command lines and of KCL's lease tables; a Spring Boot service's own comes from Spring
     * Cloud AWS, tuned by {@link #tuneDynamoDb} as this one is.
     */
    public DynamoDbClient dynamoDb() {
        return tuneDynamoDb(location.locate(DynamoDbClient.builder(), AwsService.DYNAMODB))
                .build();
    }

    /** What every synchronous DynamoDB client of ours gets beyond its location: a pool and bounded calls. */
    public static DynamoDbClientBuilder tuneDynamoDb(DynamoDbClientBuilder builder) {
        return builder.httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
                .overrideConfiguration(sdkRetries());
    }

    public DynamoDbAsyncClient dynamoDbAsync() {
        return location.locate(DynamoDbAsyncClient.builder(), AwsService.DYNAMODB)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
                .overrideConfiguration(boundedCalls())
                .build();
    }

    public CloudWatchAsyncClient cloudWatchAsync() {
        return location.locate(CloudWatchAsyncClient.builder(), AwsService.CLOUDWATCH)
                .overrideConfiguration(boundedCalls())
                .build();
    }

    /**
     * One client per ARC cluster endpoint: the data plane is reached through the cluster's regional endpoints, each
     * tried in turn, never through a single global one. Each client signs for its endpoint's region ({@link
     * ArcEndpointRegion}), which is the only one that endpoint accepts, not for the service's. The SDK's own retries are
     * off so a dead endpoint fails fast and the caller moves on to the next.
     */
    public List<Route53RecoveryClusterClient> arcCluster(List<URI> clusterEndpoints) {
        return clusterEndpoints.stream()
                .map(endpoint -> signedForTheRegionOf(
                                endpoint,
                                location.locate(Route53RecoveryClusterClient.builder(), AwsService.ARC_CLUSTER))
                        .endpointOverride(endpoint)
                        .httpClientBuilder(ApacheHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(1))
                                .socketTimeout(Duration.ofSeconds(2)))
                        .overrideConfiguration(bounded(ARC_CALL_TIMEOUT, ARC_CALL_TIMEOUT).toBuilder()
                                .retryStrategy(s -> s.maxAttempts(1))
                                .build())
                        .build())
                .toList();
    }

    /** The region {@code endpoint}'s host names, when it names one; otherwise the one the builder was located in. */
    private static Route53RecoveryClusterClientBuilder signedForTheRegionOf(
            URI endpoint, Route53RecoveryClusterClientBuilder located) {
        return ArcEndpointRegion.named(endpoint).map(located::region).orElse(located);
    }

    /** Few SDK-level retries: Resilience4j around our calls owns backoff, so the two do not multiply. */
    private static ClientOverrideConfiguration sdkRetries() {
        return boundedCalls().toBuilder().retryStrategy(b -> b.maxAttempts(2)).build();
    }

    /**
     * The call bounds every client gets, for clients built elsewhere too (the ops console's RDS and CloudWatch). Each
     * call's timeouts are tasks on {@link #CALL_TIMEOUTS}, cancelled when the call returns.
     */
    public static ClientOverrideConfiguration boundedCalls() {
        return bounded(CALL_ATTEMPT_TIMEOUT, CALL_TIMEOUT);
    }

    private static ClientOverrideConfiguration bounded(Duration attempt, Duration call) {
        return ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(attempt)
                .apiCallTimeout(call)
                .scheduledExecutorService(CALL_TIMEOUTS)
                .build();
    }

    /**
     * Where the sync clients' call timeouts wait. The SDK's own scheduler keeps a cancelled timeout queued until it would
     * have fired: with a journal put per inbound message that is tens of thousands of dead tasks, and its thread spent
     * a fifth of a millisecond of CPU per settled trade sifting them. This one drops a timeout when it is cancelled.
     */
    private static final ScheduledExecutorService CALL_TIMEOUTS = callTimeouts();

    private static ScheduledExecutorService callTimeouts() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "aws-call-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
