package io.tradewind.localaws;

import io.tradewind.localaws.dynamodb.Dynalite;
import io.tradewind.localaws.kinesis.Kinesalite;
import io.tradewind.localaws.mq.BrokerUsersEndpoint;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.localaws.postgres.EmbeddedPostgresServer;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One emulated AWS region: its broker, Kinesis, DynamoDB and PostgreSQL endpoints. Services are configured with these
 * endpoints exactly where on AWS they would be configured with the region's real ones.
 */
public final class EmulatedRegion implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmulatedRegion.class);
    private final String name;
    private final EmbeddedBroker broker;
    private final Kinesalite kinesis;
    private final Dynalite dynamoDb;
    private final EmbeddedPostgresServer postgres;
    private final BrokerUsersEndpoint brokerUsers;

    EmulatedRegion(
            String name,
            EmbeddedBroker broker,
            Kinesalite kinesis,
            Dynalite dynamoDb,
            EmbeddedPostgresServer postgres,
            BrokerUsersEndpoint brokerUsers) {
        this.name = name;
        this.broker = broker;
        this.brokerUsers = brokerUsers;
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.postgres = postgres;
    }

    public String name() {
        return name;
    }

    /** The region's broker, e.g. to kill it without a drain in a failover drill, and bring it back. */
    public EmbeddedBroker broker() {
        return broker;
    }

    /**
     * The ActiveMQ URL clients use: {@code ssl://127.0.0.1:47105} when the regions run with TLS (clients then trust
     * {@link LocalAws#brokerTls()}'s truststore), {@code tcp://127.0.0.1:47101} otherwise.
     */
    public URI brokerUri() {
        return broker.clientUri();
    }

    /** The broker's TCP URL, e.g. {@code tcp://127.0.0.1:47101}, served with TLS on or off. */
    public URI tcpBrokerUri() {
        return broker.brokerUri();
    }

    /** The broker's {@code ssl://} URL when the regions run with TLS. */
    public Optional<URI> sslBrokerUri() {
        return broker.sslUri();
    }

    /** A plain JMS client of the broker at {@link #brokerUri()}, trusting its certificate under TLS. */
    public ConnectionFactory brokerConnectionFactory() {
        return broker.connectionFactory();
    }

    /**
     * The region's emulation of Amazon MQ's user API, e.g. {@code http://127.0.0.1:47106}: what {@code
     * https://mq.<region>.amazonaws.com} is on AWS.
     */
    public URI brokerUsersEndpoint() {
        return brokerUsers.endpoint();
    }

    /** The region's broker's id in the user API (its name). */
    public String brokerId() {
        return broker.name();
    }

    public URI kinesisEndpoint() {
        return kinesis.endpoint();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** The region's DynamoDB emulator, e.g. for the replication of its global tables. */
    public Dynalite dynamoDb() {
        return dynamoDb;
    }

    public String postgresJdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String postgresUser() {
        return EmbeddedPostgresServer.USER;
    }

    public String postgresPassword() {
        return EmbeddedPostgresServer.PASSWORD;
    }

    /** Lines naming every endpoint of this region, for start-up output. */
    public String describe() {
        return String.join(
                System.lineSeparator(),
                "  region " + name,
                "    activemq   " + tcpBrokerUri()
                        + sslBrokerUri().map(ssl -> "  " + ssl).orElse("")
                        + " (broker " + brokerId() + ")",
                "    amqp       " + broker.amqpUri()
                        + broker.amqpSslUri().map(ssl -> "  " + ssl).orElse("")
                        + " (AMQP 1.0)",
                "    stomp      " + broker.stompUri()
                        + broker.stompSslUri().map(ssl -> "  " + ssl).orElse(""),
                "    mq users   " + brokerUsersEndpoint() + BrokerUsersEndpoint.PATH + brokerId() + "/users",
                "    kinesis    " + kinesisEndpoint(),
                "    dynamodb   " + dynamoDbEndpoint(),
                "    postgresql " + postgresJdbcUrl() + " (user " + postgresUser() + ")");
    }

    /**
     * Kills the region's emulator processes (Node's and PostgreSQL's) at once, without waiting or stopping anything in
     * this JVM: for a JVM that halts, so that none of them outlives it.
     */
    public void kill() {
        kinesis.kill();
        dynamoDb.kill();
        postgres.kill();
    }

    /**
     * Stops the region: its broker's user API first, then the broker, Kinesis, DynamoDB and PostgreSQL side by side
     * (none of them needs another to stop), each logged with how long it took.
     */
    @Override
    public void close() throws Exception {
        closeTimed(brokerUsers, "broker user API");
        List<CompletableFuture<Exception>> closing = new ArrayList<>();
        Map<String, AutoCloseable> parts = new LinkedHashMap<>();
        parts.put("broker", broker);
        parts.put("kinesis", kinesis);
        parts.put("dynamodb", dynamoDb);
        parts.put("postgresql", postgres);
        parts.forEach((what, part) -> closing.add(CompletableFuture.supplyAsync(() -> {
            try {
                closeTimed(part, what);
                return null;
            } catch (Exception e) {
                return e;
            }
        })));
        Exception failure = null;
        for (CompletableFuture<Exception> part : closing) {
            Exception e = part.join();
            if (e == null) continue;
            if (failure == null) failure = e;
            else failure.addSuppressed(e);
        }
        if (failure != null) throw failure;
    }

    private void closeTimed(AutoCloseable part, String what) throws Exception {
        long startNanos = System.nanoTime();
        part.close();
        log.info("region {}: {} stopped in {} ms", name, what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
