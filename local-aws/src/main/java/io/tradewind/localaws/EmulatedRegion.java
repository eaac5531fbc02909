package io.tradewind.localaws;

import io.tradewind.localaws.dynamodb.Dynalite;
import io.tradewind.localaws.kinesis.Kinesalite;
import io.tradewind.localaws.mq.BrokerUsersEndpoint;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.localaws.postgres.EmbeddedPostgresServer;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.util.Optional;

/**
 * One emulated AWS region: its broker, Kinesis, DynamoDB and PostgreSQL endpoints. Services are configured with these
 * endpoints exactly where on AWS they would be configured with the region's real ones.
 */
public final class EmulatedRegion implements AutoCloseable {
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

    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable part : new AutoCloseable[] {brokerUsers, broker, kinesis, dynamoDb, postgres}) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
