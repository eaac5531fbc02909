package io.tradewind.platform.app.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration;
import io.tradewind.platform.aws.AwsClientFactory;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The services' AWS clients take their region, credentials and endpoints from Spring Cloud AWS's properties, as the
 * sandbox sets them for the emulators and an ECS task for AWS; nothing is built against a live service here.
 */
class SpringCloudAwsClientsTest {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    RegionProviderAutoConfiguration.class,
                    CredentialsProviderAutoConfiguration.class,
                    AwsAutoConfiguration.class,
                    DynamoDbAutoConfiguration.class))
            .withUserConfiguration(SpringCloudAwsClients.class);

    private static AwsServiceClientConfiguration aws(SdkClient client) {
        return (AwsServiceClientConfiguration) client.serviceClientConfiguration();
    }

    /** What the sandbox's ServiceProperties sets for one emulated region. */
    private ApplicationContextRunner asTheSandboxSetsIt() {
        return context.withPropertyValues(
                "tradewind.region=us-west-2",
                "spring.cloud.aws.region.static=us-west-2",
                "spring.cloud.aws.credentials.access-key=local",
                "spring.cloud.aws.credentials.secret-key=local",
                "spring.cloud.aws.kinesis.endpoint=http://127.0.0.1:47202",
                "spring.cloud.aws.dynamodb.endpoint=http://127.0.0.1:47203",
                "spring.cloud.aws.cloudwatch.endpoint=http://127.0.0.1:9",
                "tradewind.aws.kinesis-cbor=false");
    }

    @Test
    void buildsEachClientInSpringCloudAwsRegionAtItsServicesEndpoint() {
        System.clearProperty("aws.cborEnabled"); // JVM-wide: this context, not an earlier test, is to turn it off
        asTheSandboxSetsIt().run(app -> {
            AwsClientFactory aws = app.getBean(AwsClientFactory.class);
            List<SdkClient> clients = List.of(
                    aws.kinesis(), aws.kinesisAsync(), aws.dynamoDbAsync(), aws.cloudWatchAsync(), aws.dynamoDb());
            try {
                assertThat(clients).extracting(client -> aws(client).region()).containsOnly(Region.US_WEST_2);
                assertThat(clients)
                        .extracting(
                                client -> client.serviceClientConfiguration().endpointOverride())
                        .containsExactly(
                                Optional.of(URI.create("http://127.0.0.1:47202")),
                                Optional.of(URI.create("http://127.0.0.1:47202")),
                                Optional.of(URI.create("http://127.0.0.1:47203")),
                                Optional.of(URI.create("http://127.0.0.1:9")),
                                Optional.of(URI.create("http://127.0.0.1:47203")));
                assertThat(aws(clients.get(0))
                                .credentialsProvider()
                                .resolveIdentity()
                                .join()
                                .accessKeyId())
                        .isEqualTo("local");
                assertThat(System.getProperty("aws.cborEnabled"))
                        .as("kinesalite answers JSON only")
                        .isEqualTo("false");
            } finally {
                clients.forEach(SdkClient::close);
            }
        });
    }

    @Test
    void anArcClusterClientGoesToTheClusterEndpointItIsGivenInSpringCloudAwsRegion() {
        asTheSandboxSetsIt().run(app -> {
            var arc = app.getBean(AwsClientFactory.class)
                    .arcCluster(List.of(URI.create("http://127.0.0.1:47001")))
                    .get(0);
            try {
                assertThat(arc.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
                assertThat(arc.serviceClientConfiguration().endpointOverride())
                        .contains(URI.create("http://127.0.0.1:47001"));
            } finally {
                arc.close();
            }
        });
    }

    @Test
    void springCloudAwsDynamoDbClientIsTunedAsOursAre() {
        asTheSandboxSetsIt().run(app -> {
            DynamoDbClient dynamoDb = app.getBean(DynamoDbClient.class);
            var configuration = dynamoDb.serviceClientConfiguration();
            assertThat(configuration.endpointOverride()).contains(URI.create("http://127.0.0.1:47203"));
            assertThat(configuration.overrideConfiguration().apiCallAttemptTimeout())
                    .contains(AwsClientFactory.CALL_ATTEMPT_TIMEOUT);
            assertThat(configuration.overrideConfiguration().apiCallTimeout()).contains(AwsClientFactory.CALL_TIMEOUT);
        });
    }

    @Test
    void refusesToStartWhenItsRegionIsNotTheOneItsClientsWouldUse() {
        context.withPropertyValues("tradewind.region=us-east-1", "spring.cloud.aws.region.static=us-west-2")
                .run(app -> {
                    assertThat(app.getBean(SpringCloudAwsClients.class)).isNotNull();
                    assertThatThrownBy(() -> app.getBean(AwsClientFactory.class))
                            .rootCause()
                            .hasMessageContaining("tradewind.region us-east-1")
                            .hasMessageContaining("us-west-2");
                });
    }
}
