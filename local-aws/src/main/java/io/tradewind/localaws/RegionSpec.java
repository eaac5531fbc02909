package io.tradewind.localaws;

/**
 * One emulated region and the loopback ports of its emulators; a port of 0 means "pick a free one", which tests use so
 * they never collide with a running sandbox.
 *
 * @param mqSslPort the broker's {@code ssl://} port, used only when the regions run with TLS
 * @param mqApiPort the region's emulation of Amazon MQ's user API ({@link io.tradewind.localaws.mq.BrokerUsersEndpoint})
 */
public record RegionSpec(
        String name, int mqPort, int kinesisPort, int dynamoDbPort, int postgresPort, int mqSslPort, int mqApiPort) {
    public RegionSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("region name is blank");
        if (mqApiPort < 0 || mqApiPort > 65_535)
            throw new IllegalArgumentException("mqApiPort " + mqApiPort + " is not a port");
    }

    /** A region whose broker's {@code ssl://} port (if it serves one) and user API bind free ports. */
    public RegionSpec(String name, int mqPort, int kinesisPort, int dynamoDbPort, int postgresPort) {
        this(name, mqPort, kinesisPort, dynamoDbPort, postgresPort, 0, 0);
    }

    /** A region whose emulators all bind free ports. */
    public static RegionSpec ephemeral(String name) {
        return new RegionSpec(name, 0, 0, 0, 0, 0, 0);
    }
}
