package io.tradewind.platform.app.spring;

import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsClientLocation;
import io.tradewind.platform.aws.AwsService;
import io.tradewind.platform.config.PlatformProperties;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * A service's AWS side the Spring Cloud AWS way. Spring Cloud AWS resolves the region ({@code
 * spring.cloud.aws.region.static}; on AWS set from {@code TRADEWIND_REGION}) and the credentials ({@code
 * spring.cloud.aws.credentials.*}; unset, the default chain, which is an ECS task's role), and builds the DynamoDB
 * client ({@code spring.cloud.aws.dynamodb.endpoint}), tuned here as ours are ({@link #boundedDynamoDbCalls()}). The
 * clients it has no starter for (Kinesis, KCL's async clients, the ARC cluster's data plane) come from {@link
 * AwsClientFactory}, located by Spring Cloud AWS's own configurer: the same region and credentials, and the endpoint
 * {@code spring.cloud.aws.<service>.endpoint} (or a LocalStack container's, through its {@link AwsConnectionDetails}).
 */
@Configuration(proxyBeanMethods = false)
public class SpringCloudAwsClients {

    /** Made when first asked for: a service that builds no such client (a generator without ARC) needs no region. */
    @Bean
    @Lazy
    AwsClientFactory awsClientFactory(
            AwsClientBuilderConfigurer configurer,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            Environment environment) {
        return new AwsClientFactory(
                new SpringCloudAwsLocation(configurer, connectionDetails.getIfAvailable(), Binder.get(environment)));
    }

    /** Spring Cloud AWS's DynamoDB client with our pool and bounded calls (an {@code AwsClientFactory} tuning). */
    @Bean
    DynamoDbClientCustomizer boundedDynamoDbCalls() {
        return builder -> AwsClientFactory.tuneDynamoDb(builder);
    }

    /** Where Spring Cloud AWS says each service is. */
    static final class SpringCloudAwsLocation implements AwsClientLocation {
        static final String PREFIX = "spring.cloud.aws.";

        private final AwsClientBuilderConfigurer configurer;
        private final AwsConnectionDetails connectionDetails;
        private final Map<AwsService, AwsClientProperties> services = new EnumMap<>(AwsService.class);
        private final boolean kinesisCbor;

        SpringCloudAwsLocation(
                AwsClientBuilderConfigurer configurer, AwsConnectionDetails connectionDetails, Binder binder) {
            this.configurer = configurer;
            this.connectionDetails = connectionDetails;
            for (AwsService service : AwsService.values())
                services.put(
                        service,
                        binder.bindOrCreate(
                                PREFIX + service.configName(), Bindable.ofInstance(new ClientProperties())));
            this.kinesisCbor = binder.bind("tradewind.aws", PlatformProperties.Aws.class)
                    .map(PlatformProperties.Aws::kinesisSpeaksCbor)
                    .orElse(true);
            binder.bind("tradewind.region", String.class).ifBound(served -> sameRegion(served, configurer));
        }

        /** Names, meters and routing controls follow {@code tradewind.region}; the clients, Spring Cloud AWS's. */
        private void sameRegion(String served, AwsClientBuilderConfigurer configurer) {
            Region region;
            try {
                region = configurer.resolveRegion(new ClientProperties(), connectionDetails);
            } catch (SdkClientException e) {
                throw new IllegalStateException(
                        "tradewind.region is " + served + ", but spring.cloud.aws.region.static is not set and the"
                                + " default chain finds no region",
                        e);
            }
            if (!served.equals(region.id()))
                throw new IllegalStateException("tradewind.region " + served + " is not the region Spring Cloud AWS"
                        + " resolves (spring.cloud.aws.region.static or the default chain): " + region.id());
        }

        @Override
        public <B extends AwsClientBuilder<B, ?>> B locate(B builder, AwsService service) {
            return configurer.configure(builder, services.get(service), connectionDetails);
        }

        @Override
        public boolean kinesisCbor() {
            return kinesisCbor;
        }

        /** {@code spring.cloud.aws.<service>.*} of a service Spring Cloud AWS has no properties class for. */
        static final class ClientProperties extends AwsClientProperties {}
    }
}
