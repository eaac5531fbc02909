package io.tradewind.localaws;

import io.tradewind.localaws.mq.BrokerTls;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration a service gets in one emulated region: the property names it reads on AWS (where an ECS task
 * definition sets them), with this sandbox's endpoints as values. The sandbox and integration tests both use it.
 */
public final class ServiceProperties {
    private ServiceProperties() {}

    public static Map<String, Object> forRegion(LocalAws aws, String regionName, String app) {
        EmulatedRegion region = aws.region(regionName);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", app + "-" + region.name());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.web-application-type", "none");
        properties.put("tradewind.region", region.name());
        properties.put(
                "tradewind.aws.kinesis-endpoint", region.kinesisEndpoint().toString());
        properties.put(
                "tradewind.aws.dynamodb-endpoint", region.dynamoDbEndpoint().toString());
        properties.put("tradewind.aws.local-emulators", "true");
        properties.put("tradewind.provision-resources", "true");
        properties.put("tradewind.mq.broker-url", region.brokerUri().toString());
        // With TLS the URL is ssl://, and the service trusts the sandbox's certificate; the password stays in its file.
        aws.brokerTls().ifPresent(tls -> {
            properties.put("tradewind.mq.truststore.path", tls.truststore().toString());
            properties.put(
                    "tradewind.mq.truststore.password-file", tls.passwordFile().toString());
            properties.put("tradewind.mq.truststore.type", BrokerTls.STORE_TYPE);
        });
        properties.put(
                "tradewind.arc.endpoints",
                aws.arc().endpoints().stream().map(URI::toString).collect(Collectors.joining(",")));
        properties.put("tradewind.arc.control-panel-arn", aws.arc().controlPanelArn());
        properties.put("spring.datasource.url", region.postgresJdbcUrl());
        properties.put("spring.datasource.username", region.postgresUser());
        properties.put("spring.datasource.password", region.postgresPassword());
        aws.globalDatabaseEndpoint()
                .ifPresent(endpoint -> properties.put("tradewind.aws.global-database-endpoint", endpoint.toString()));
        return properties;
    }
}
