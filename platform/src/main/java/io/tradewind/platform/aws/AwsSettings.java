package io.tradewind.platform.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Where a service's AWS dependencies are: the only thing that differs between the sandbox and AWS. On AWS every
 * endpoint is empty (the SDK resolves the region's) and credentials come from the default chain; locally the endpoints
 * point at the emulators and static dummy credentials are used.
 *
 * @param kinesisCbor false for kinesalite, which speaks JSON only (the SDK's default for Kinesis is CBOR)
 */
public record AwsSettings(
        String region,
        Optional<URI> kinesisEndpoint,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> cloudWatchEndpoint,
        boolean staticLocalCredentials,
        boolean kinesisCbor) {

    public AwsSettings {
        if (region == null || region.isBlank()) throw new IllegalArgumentException("region is blank");
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
