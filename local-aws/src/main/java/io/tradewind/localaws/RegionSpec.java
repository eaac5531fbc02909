package io.tradewind.localaws;

import io.tradewind.localaws.mq.EmbeddedBroker;

/**
 * One emulated region and the loopback ports of its emulators; a port of 0 means "pick a free one", which tests use so
 * they never collide with a running sandbox.
 *
 * @param brokerPorts the broker's OpenWire, AMQP and STOMP ports, and their TLS twins (used only when the regions run
 *     with TLS)
 * @param mqApiPort the region's emulation of Amazon MQ's user API ({@link io.tradewind.localaws.mq.BrokerUsersEndpoint})
 */
public record RegionSpec(
        String name,
        EmbeddedBroker.Ports brokerPorts,
        int kinesisPort,
        int dynamoDbPort,
        int postgresPort,
        int mqApiPort) {
    public RegionSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("region name is blank");
        if (brokerPorts == null) throw new IllegalArgumentException("region " + name + " has no broker ports");
        if (mqApiPort < 0 || mqApiPort > 65_535)
            throw new IllegalArgumentException("mqApiPort " + mqApiPort + " is not a port");
    }

    /** A region whose broker's other connectors (if it serves them) and user API bind free ports. */
    public RegionSpec(String name, int mqPort, int kinesisPort, int dynamoDbPort, int postgresPort) {
        this(name, new EmbeddedBroker.Ports(mqPort, 0, 0, 0, 0, 0), kinesisPort, dynamoDbPort, postgresPort, 0);
    }

    /** A region whose emulators all bind free ports. */
    public static RegionSpec ephemeral(String name) {
        return new RegionSpec(name, EmbeddedBroker.Ports.ephemeral(), 0, 0, 0, 0);
    }

    /** The broker's OpenWire ({@code tcp://}) port. */
    public int mqPort() {
        return brokerPorts.openWire();
    }

    /** The broker's {@code ssl://} port, used only when the regions run with TLS. */
    public int mqSslPort() {
        return brokerPorts.openWireSsl();
    }
}
