package io.tradewind.platform.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Where a process's AWS dependencies are, named by the process itself: the command lines (reconciliation, the
 * generator's, the ops console's, which reach both regions) and tests. A Spring Boot service takes the same from Spring
 * Cloud AWS's {@code spring.cloud.aws.*} instead. On AWS every endpoint is empty (the SDK resolves the region's) and
 * credentials come from the default chain; locally the endpoints point at the emulators and static dummy credentials
 * are used.
 *
 * @param kinesisCbor false for kinesalite, which speaks JSON only (the SDK's default for Kinesis is CBOR)
 */
public record AwsSettings(
        String region,
        Optional<URI> kinesisEndpoint,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> cloudWatchEndpoint,
        boolean staticLocalCredentials,
        boolean kinesisCbor)
        implements AwsClientLocation {

    public AwsSettings {
        if (region == null || region.isBlank()) throw new IllegalArgumentException("region is blank");
    }

    @Override
    public <B extends AwsClientBuilder<B, ?>> B locate(B builder, AwsService service) {
        builder.region(Region.of(region)).credentialsProvider(credentials());
        endpointOf(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        return staticLocalCredentials
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }

    private Optional<URI> endpointOf(AwsService service) {
        return switch (service) {
            case KINESIS -> kinesisEndpoint;
            case DYNAMODB -> dynamoDbEndpoint;
            case CLOUDWATCH -> cloudWatchEndpoint;
            case ARC_CLUSTER -> Optional.empty(); // each cluster endpoint is named where its client is built
        };
    }

    /** Real AWS in {@code region}: default endpoints and credential chain. */
    public static AwsSettings aws(String region) {
        return aws(region, null, null);
    }

    /** Real AWS in {@code region} with the default credential chain, at these endpoints where given (null: default). */
    public static AwsSettings aws(String region, URI kinesisEndpoint, URI dynamoDbEndpoint) {
        return new AwsSettings(
                region,
                Optional.ofNullable(kinesisEndpoint),
                Optional.ofNullable(dynamoDbEndpoint),
                Optional.empty(),
                false,
                true);
    }

    /** The emulators of one sandbox region. */
    public static AwsSettings local(String region, URI kinesis, URI dynamoDb) {
        return new AwsSettings(
                region,
                Optional.of(kinesis),
                Optional.of(dynamoDb),
                // Metrics are off locally; KCL still wants a client, pointed somewhere harmless.
                Optional.of(URI.create("http://127.0.0.1:9")),
                true,
                false);
    }
}
