package io.tradewind.platform.cli;

/**
 * Something a command reaches, as its error names it: {@code DynamoDB at http://127.0.0.1:47203 (us-west-2)}.
 *
 * @param service what it is, as a user names it: {@code DynamoDB}, {@code Kinesis}, {@code PostgreSQL}, {@code the
 *     broker}
 * @param address where: a URL, or a JDBC URL
 * @param region the region it belongs to
 * @param sandbox whether it is the local sandbox's, so that an error can ask whether the sandbox is running
 */
public record Endpoint(String service, String address, String region, boolean sandbox) {
    /** What is not there (a table, a stream) names a service of this kind. */
    public static final String DYNAMODB = "DynamoDB";

    public static final String KINESIS = "Kinesis";
    public static final String POSTGRESQL = "PostgreSQL";
    public static final String BROKER = "the broker";

    public Endpoint {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("an endpoint's service is blank");
        if (address == null || address.isBlank())
            throw new IllegalArgumentException("the address of " + service + " is blank");
    }

    @Override
    public String toString() {
        return service + " at " + address + (region == null ? "" : " (" + region + ")");
    }
}
