package io.tradewind.model.topology;

import java.util.Locale;

/**
 * The environment an ECS task gives its container: Spring's environment-variable form of the properties the services
 * read, plus the secrets' names the {@code aws} profile imports them from. One task runs one stage of one app.
 */
public final class TaskEnvironment {
    /** Selects {@code application-aws.yml}, which holds what differs on AWS. */
    public static final String SPRING_PROFILES_ACTIVE = of("spring.profiles.active");
    /** The profile every task runs with. */
    public static final String AWS_PROFILE = "aws";
    /**
     * The profile of the tasks that log in to a broker ({@code application-aws-broker.yml} imports the login from
     * {@link #MQ_SECRET_ID}): the others are given neither that secret's name nor the right to read it.
     */
    public static final String BROKER_PROFILE = "aws-broker";
    /** The port the container serves the actuator (and nothing else) on. */
    public static final String SERVER_PORT = of("server.port");

    public static final int CONTAINER_PORT = 8080;
    /** The region the task serves. */
    public static final String REGION = of("tradewind.region");
    /** The app's broker in this region: Amazon MQ's active/standby pair as {@code failover:(ssl://...,ssl://...)}. */
    public static final String MQ_BROKER_URL = of("tradewind.mq.broker-url");
    /** The secret {@code application-aws.yml} imports {@code tradewind.mq.username} and its password from. */
    public static final String MQ_SECRET_ID = "TRADEWIND_MQ_SECRET_ID";
    /** The secret {@code application-aws.yml} imports {@code spring.datasource.username} and its password from. */
    public static final String DATABASE_SECRET_ID = "TRADEWIND_DATABASE_SECRET_ID";
    /** The app's Aurora global database, as {@link #datasourceUrl} writes it. */
    public static final String DATASOURCE_URL = of("spring.datasource.url");
    /** ARC's cluster endpoints, comma-separated. */
    public static final String ARC_ENDPOINTS = of("tradewind.arc.endpoints");

    public static final String ARC_CONTROL_PANEL_ARN = of("tradewind.arc.control-panel-arn");
    /**
     * The routing controls the task reads, as comma-separated {@code name=arn} pairs: on AWS a control's ARN ends in a
     * generated id, not its name.
     */
    public static final String ARC_ROUTING_CONTROL_ARNS = of("tradewind.arc.routing-control-arns");
    /** Who may read the actuator beyond its health probes (from {@link Secrets#ACTUATOR_LOGIN}). */
    public static final String HTTP_USERNAME = of("tradewind.http.username");
    /** That user's password (from {@link Secrets#ACTUATOR_LOGIN}); also what the ops console gives the actuators. */
    public static final String HTTP_PASSWORD = of("tradewind.http.password");
    /**
     * Settings that are maps keyed by region (an app's peer brokers): a variable's name cannot carry a key such as
     * {@code us-east-1}, so they travel as JSON, which Spring Boot reads from this variable.
     */
    public static final String SPRING_APPLICATION_JSON = "SPRING_APPLICATION_JSON";
    /** Reconciliation-replay's database password (its command line reads it from the environment). */
    public static final String DB_PASSWORD = "TRADEWIND_DB_PASSWORD";
    /** The ops console's broker password (its command line reads it from the environment). */
    public static final String MQ_PASSWORD = of("tradewind.mq.password");

    /**
     * The ops console's runbook topology, the JSON document {@code RunbookTopology} reads (Terraform's output {@code
     * runbook_topology}).
     */
    public static final String CONSOLE_TOPOLOGY = of("tradewind.console.topology");
    /** The secret {@code application-aws.yml} of the ops console imports its users from ({@link Secrets#CONSOLE_USERS}). */
    public static final String CONSOLE_USERS_SECRET_ID = "TRADEWIND_CONSOLE_USERS_SECRET_ID";

    /** The database every app's schema lives in. */
    public static final String DATABASE_NAME = "tradewind";

    public static final int DATABASE_PORT = 5432;

    private TaskEnvironment() {}

    /**
     * The environment variable Spring Boot binds to {@code property}: dots become underscores, dashes go, upper case
     * (e.g. {@code tradewind.arc.control-panel-arn} is {@code TRADEWIND_ARC_CONTROLPANELARN}).
     */
    public static String of(String property) {
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** The variable that picks the one stage a task of {@code app} runs, e.g. {@code TRADEWIND_TRADEMATCHING_STAGES}. */
    public static String stages(App app) {
        return of(appPrefix(app) + ".stages");
    }

    /**
     * The property of {@code app}'s peer's broker in each region, by region name, which {@link #SPRING_APPLICATION_JSON}
     * carries: trade matching sends instructions to settlement matching's, settlement matching confirmations to trade
     * matching's.
     */
    public static String peerRegionBrokers(App app) {
        // As each app's properties record names it (TradeMatchingProperties, SettlementMatchingProperties).
        return appPrefix(app) + (app == App.TRADE_MATCHING ? ".settlement" : "." + App.TRADE_MATCHING.id())
                + "-region-brokers";
    }

    /**
     * The JDBC URL of {@code app}'s database at {@code host}, with the app's schema as the connection's own: {@code
     * jdbc:postgresql://<host>:5432/tradewind?currentSchema=trade_matching}.
     */
    public static String datasourceUrl(String host, App app) {
        return "jdbc:postgresql://" + host + ":" + DATABASE_PORT + "/" + DATABASE_NAME + "?currentSchema="
                + app.schema();
    }

    /** The other matching app: where {@code app}'s outbound gateway sends that app's messages. */
    public static App peerOf(App app) {
        return app == App.TRADE_MATCHING ? App.SETTLEMENT_MATCHING : App.TRADE_MATCHING;
    }

    private static String appPrefix(App app) {
        return "tradewind." + app.id();
    }

    /** {@link #SPRING_PROFILES_ACTIVE}'s value for a task, with the broker's profile when it logs in to a broker. */
    public static String profiles(boolean logsInToABroker) {
        return logsInToABroker ? AWS_PROFILE + "," + BROKER_PROFILE : AWS_PROFILE;
    }
}
