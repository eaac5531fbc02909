package io.tradewind.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** Every AWS client a service builds bounds each call, per attempt and in all: KCL's async clients as much as ours. */
class AwsClientFactoryTest {
    private final AwsClientFactory factory = new AwsClientFactory(
            AwsSettings.local("us-east-1", URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")));

    @Test
    void everyClientBoundsEachAttemptAndEachCall() {
        List<SdkClient> clients = new ArrayList<>(List.of(
                factory.kinesis(),
                factory.kinesisAsync(),
                factory.dynamoDb(),
                factory.dynamoDbAsync(),
                factory.cloudWatchAsync()));
        try {
            for (SdkClient client : clients)
                assertThat(bounds(client))
                        .as(client.serviceName())
                        .containsExactly(
                                Optional.of(AwsClientFactory.CALL_ATTEMPT_TIMEOUT),
                                Optional.of(AwsClientFactory.CALL_TIMEOUT));
        } finally {
            clients.forEach(SdkClient::close);
        }
    }

    @Test
    void anArcEndpointAnswersWithinItsOwnShorterBound() {
        var arc = factory.arcCluster(List.of(URI.create("http://127.0.0.1:9"))).get(0);
        try {
            assertThat(bounds(arc))
                    .containsExactly(
                            Optional.of(AwsClientFactory.ARC_CALL_TIMEOUT),
                            Optional.of(AwsClientFactory.ARC_CALL_TIMEOUT));
        } finally {
            arc.close();
        }
    }

    private static List<Optional<Duration>> bounds(SdkClient client) {
        ClientOverrideConfiguration configuration =
                client.serviceClientConfiguration().overrideConfiguration();
        return List.of(configuration.apiCallAttemptTimeout(), configuration.apiCallTimeout());
    }
}
