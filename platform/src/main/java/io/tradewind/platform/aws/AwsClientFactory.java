package io.tradewind.platform.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;

/**
 * Builds every AWS client a service uses from {@link AwsSettings}, so the sandbox and AWS differ only in configuration.
 * Kinesis clients speak HTTP/1.1 (kinesalite cannot do HTTP/2, and polling consumers gain nothing from it).
 */
public final class AwsClientFactory {
    private static final String CBOR_PROPERTY = "aws.cborEnabled";

    private final AwsSettings settings;
    private final Region region;
    private final AwsCredentialsProvider credentials;

    public AwsClientFactory(AwsSettings settings) {
        this.settings = settings;
        this.region = Region.of(settings.region());
        this.credentials = settings.staticLocalCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        if (!settings.kinesisCbor()) {
            // The SDK reads this JVM-wide switch when a Kinesis client is built; kinesalite answers JSON only.
            System.setProperty(CBOR_PROPERTY, "false");
        }
    }

    public AwsSettings settings() {
        return settings;
    }

    public KinesisClient kinesis() {
        var builder = KinesisClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
                .overrideConfiguration(sdkRetries());
        settings.kinesisEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public KinesisAsyncClient kinesisAsync() {
        var builder = KinesisAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(64));
        settings.kinesisEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        var builder = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
                .overrideConfiguration(sdkRetries());
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbAsyncClient dynamoDbAsync() {
        var builder = DynamoDbAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64));
        settings.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public CloudWatchAsyncClient cloudWatchAsync() {
        var builder = CloudWatchAsyncClient.builder().region(region).credentialsProvider(credentials);
        settings.cloudWatchEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * One client per ARC cluster endpoint: the data plane is reached through the cluster's regional endpoints, each
     * tried in turn, never through a single global one. The SDK's own retries are off so a dead endpoint fails fast and
     * the caller moves on to the next.
     */
    public List<Route53RecoveryClusterClient> arcCluster(List<URI> clusterEndpoints) {
        return clusterEndpoints.stream()
                .map(endpoint -> Route53RecoveryClusterClient.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .endpointOverride(endpoint)
                        .httpClientBuilder(ApacheHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(1))
                                .socketTimeout(Duration.ofSeconds(2)))
                        .overrideConfiguration(b -> b.retryStrategy(s -> s.maxAttempts(1)))
                        .build())
                .toList();
    }

    /** Few SDK-level retries: Resilience4j around our calls owns backoff, so the two do not multiply. */
    private static ClientOverrideConfiguration sdkRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(2))
                .apiCallTimeout(Duration.ofSeconds(10))
                .build();
    }
}
