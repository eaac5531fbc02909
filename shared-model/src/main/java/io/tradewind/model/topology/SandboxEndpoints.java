package io.tradewind.model.topology;

import java.net.URI;
import java.util.List;

/**
 * The local sandbox's fixed endpoints, per region: what {@code local-aws} binds when it runs the sandbox, and what every
 * command line reaches from {@code --region} alone. Kept here, beside the regions, because both sides need it and the
 * tools must not carry the emulators on their classpath. Region {@code n} (1 for us-east-1, 2 for us-west-2) holds
 * {@code 47n01} ActiveMQ, {@code 47n02} Kinesis, {@code 47n03} DynamoDB, {@code 47n04} PostgreSQL, {@code 47n05}
 * ActiveMQ over TLS, {@code 47n06} Amazon MQ's user API, {@code 47n07} AMQP 1.0, {@code 47n08} STOMP, {@code 47n09} AMQP
 * and {@code 47n10} STOMP over TLS, and {@code 48n01}/{@code 48n02} the apps' HTTP sides.
 */
public final class SandboxEndpoints {
    /** Every endpoint binds loopback: the sandbox is one machine's. */
    public static final String HOST = "127.0.0.1";
    /** The local ARC cluster's endpoints, one per port. */
    public static final List<Integer> ARC_PORTS = List.of(47001, 47002);
    /** The emulated Aurora global databases' control endpoint. */
    public static final int GLOBAL_DATABASE_PORT = 47005;
    /** The ops console (one for both regions). */
    public static final int CONSOLE_PORT = 48080;
    /** The database every region's PostgreSQL holds, and its user (an emulator's, no secret). */
    public static final String DATABASE = "tradewind";

    public static final String DATABASE_USER = "postgres";

    private static final int EMULATORS = 47000;
    private static final int SERVICES = 48000;

    private SandboxEndpoints() {}

    /**
     * One region's ports.
     *
     * @param mqSslPort the broker's {@code ssl://} port, served when the sandbox runs with {@code --tls}
     * @param mqApiPort the emulation of Amazon MQ's user API (onboarding)
     * @param amqpSslPort the broker's AMQP 1.0 over TLS, served with {@code --tls}, as {@code stompSslPort} STOMP's
     */
    public record Region(
            String name,
            int mqPort,
            int kinesisPort,
            int dynamoDbPort,
            int postgresPort,
            int mqSslPort,
            int mqApiPort,
            int amqpPort,
            int stompPort,
            int amqpSslPort,
            int stompSslPort) {

        /** The broker, {@code tcp://127.0.0.1:47n01}. */
        public URI broker() {
            return URI.create("tcp://" + HOST + ":" + mqPort);
        }

        /** The broker over TLS, {@code ssl://127.0.0.1:47n05} (with {@code --tls}). */
        public URI sslBroker() {
            return URI.create("ssl://" + HOST + ":" + mqSslPort);
        }

        public URI kinesis() {
            return http(kinesisPort);
        }

        public URI dynamoDb() {
            return http(dynamoDbPort);
        }

        /** The apps' database, {@code jdbc:postgresql://127.0.0.1:47n04/tradewind}. */
        public String jdbcUrl() {
            return "jdbc:postgresql://" + HOST + ":" + postgresPort + "/" + DATABASE;
        }

        public URI mqApi() {
            return http(mqApiPort);
        }

        /** The HTTP side (actuator) of {@code app}'s services in this region. */
        public int httpPort(App app) {
            return SERVICES + 100 * number(name) + 1 + app.ordinal();
        }

        public URI actuator(App app) {
            return http(httpPort(app));
        }
    }

    /** Both regions, primary first. */
    public static List<Region> regions() {
        return Deployment.REGIONS.stream().map(SandboxEndpoints::region).toList();
    }

    /** The sandbox's ports of {@code region}; a region the sandbox does not run is refused, naming the ones it does. */
    public static Region region(String region) {
        int base = EMULATORS + 100 * number(region);
        return new Region(
                region, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8, base + 9,
                base + 10);
    }

    public static List<URI> arcEndpoints() {
        return ARC_PORTS.stream().map(SandboxEndpoints::http).toList();
    }

    public static URI globalDatabaseEndpoint() {
        return http(GLOBAL_DATABASE_PORT);
    }

    private static int number(String region) {
        int index = Deployment.REGIONS.indexOf(region);
        if (index < 0)
            throw new IllegalArgumentException(
                    "unknown region '" + region + "'; the sandbox runs " + String.join(" and ", Deployment.REGIONS));
        return index + 1;
    }

    private static URI http(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }
}
