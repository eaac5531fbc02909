package io.tradewind.sandbox;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration a service gets in one sandbox region: the same property names it reads on AWS, where they come
 * from the ECS task definition, with the emulators' endpoints as values.
 */
final class RegionServiceConfig {
    private RegionServiceConfig() {}

    static Map<String, Object> forRegion(LocalAws aws, EmulatedRegion region, String app) {
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
        properties.put("tradewind.mq.broker-url", region.brokerUri().toString());
        properties.put("tradewind.postgres.url", region.postgresJdbcUrl());
        properties.put("tradewind.postgres.username", region.postgresUser());
        properties.put("tradewind.postgres.password", region.postgresPassword());
        properties.put(
                "tradewind.arc.endpoints",
                aws.arc().endpoints().stream().map(URI::toString).collect(Collectors.joining(",")));
        properties.put("tradewind.arc.control-panel-arn", aws.arc().controlPanelArn());
        return properties;
    }
}
