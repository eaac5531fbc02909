package io.tradewind.platform.aws;

/**
 * The AWS services a Tradewind process calls, each with the name Spring Cloud AWS gives its settings: an endpoint
 * override is {@code spring.cloud.aws.<configName>.endpoint}.
 */
public enum AwsService {
    KINESIS("kinesis"),
    DYNAMODB("dynamodb"),
    CLOUDWATCH("cloudwatch"),
    /** Route 53 ARC's cluster data plane: always reached through the cluster's endpoints, each named in turn. */
    ARC_CLUSTER("arc");

    private final String configName;

    AwsService(String configName) {
        this.configName = configName;
    }

    /** The service's name in {@code spring.cloud.aws.<configName>.*}. */
    public String configName() {
        return configName;
    }
}
