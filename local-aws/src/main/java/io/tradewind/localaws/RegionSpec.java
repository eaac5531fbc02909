package io.tradewind.localaws;

/**
 * One emulated region and the loopback ports of its emulators; a port of 0 means "pick a free one", which tests use so
 * they never collide with a running sandbox.
 *
 * @param mqSslPort the broker's {@code ssl://} port, used only when the regions run with TLS
 */
public record RegionSpec(String name, int mqPort, int kinesisPort, int dynamoDbPort, int postgresPort, int mqSslPort) {
    public RegionSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("region name is blank");
    }

    /** A region whose broker's {@code ssl://} port, if it serves one, is a free one. */
    public RegionSpec(String name, int mqPort, int kinesisPort, int dynamoDbPort, int postgresPort) {
        this(name, mqPort, kinesisPort, dynamoDbPort, postgresPort, 0);
    }

    /** A region whose emulators all bind free ports. */
    public static RegionSpec ephemeral(String name) {
        return new RegionSpec(name, 0, 0, 0, 0, 0);
    }
}
