package io.tradewind.sandbox.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.awspring.cloud.autoconfigure.AwsClientProperties;
import io.awspring.cloud.autoconfigure.core.CredentialsProperties;
import io.awspring.cloud.autoconfigure.core.RegionProperties;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployable;
import io.tradewind.model.topology.Tables;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.platform.app.spring.HttpEndpointSecurity;
import io.tradewind.platform.aws.AwsService;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.pipeline.PipelineSettings;
import io.tradewind.platform.probe.HealthCheck;
import io.tradewind.platform.regiongate.PinnedOnRoutingControls;
import io.tradewind.reconciliation.cli.ReconcileCommand;
import io.tradewind.sandbox.DemoParticipants;
import io.tradewind.settlementmatching.config.SettlementMatchingProperties;
import io.tradewind.tradegenerator.config.TradeGeneratorProperties;
import io.tradewind.tradematching.config.TradeMatchingProperties;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.BoundPropertiesTrackingBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The top-level docker-compose.yml, read as Docker Compose reads it (there is no Docker engine here to run it) and
 * checked against the code: every {@code TRADEWIND_*} and {@code SPRING_*} variable of a Tradewind service binds,
 * through Spring's relaxed binding, to a property that service reads (its {@code @ConfigurationProperties}, the
 * platform's, and the few it reads one by one), and none is left over; the services' images are the build's Jib
 * images, their ports its port, their health check the images' command; every other image is pinned, never
 * {@code latest}; the broker users, the generator's logins and the participant registry's init step agree with each
 * other and with the code.
 */
class ComposeFileTest {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = REPOSITORY.resolve("docker-compose.yml");

    /**
     * The last LocalStack community image that starts without an auth token: tags after it need LOCALSTACK_AUTH_TOKEN
     * (the comment in docker-compose.yml cites where LocalStack said so).
     */
    private static final List<Integer> LAST_TOKEN_FREE_LOCALSTACK = List.of(4, 14, 0);

    /** Each deployable (its image's name) and what it reads from its environment. */
    private static final Map<String, PropertyReader> DEPLOYABLES = deployables();

    private final Map<String, Map<String, Object>> services = services();

    @Test
    void everyTradewindVariableBindsToAPropertyItsServiceReads() {
        Map<String, Set<String>> unbound = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        for (String service : tradewindServices()) {
            Map<String, String> environment = environmentOf(service);
            assertThat(environment.keySet())
                    .as(service + ": only TRADEWIND_* and SPRING_* variables, and SERVER_PORT")
                    .allMatch(name ->
                            name.startsWith("TRADEWIND_") || name.startsWith("SPRING_") || name.equals("SERVER_PORT"));
            Set<String> read = new TreeSet<>();
            try {
                DEPLOYABLES.get(deployableOf(service)).read(binderOf(environment), tracking(read), environment, read);
            } catch (RuntimeException e) {
                failures.put(service, rootMessage(e));
                continue;
            }
            Set<String> left = new TreeSet<>(environment.keySet());
            left.removeAll(read);
            if (!left.isEmpty()) unbound.put(service, left);
        }
        assertThat(failures).as("services whose environment does not bind").isEmpty();
        assertThat(unbound).as("variables no property of their service reads").isEmpty();
    }

    @Test
    void aVariableNoServiceReadsIsCaught() {
        Map<String, String> environment = new LinkedHashMap<>(environmentOf(App.TRADE_MATCHING.id()));
        environment.put("TRADEWIND_MQ_BROKER_URI", "tcp://activemq:61616"); // a typo of TRADEWIND_MQ_BROKERURL
        environment.put("TRADEWIND_TRADEMATCHING_STAGE", "matching"); // the setting is "stages"
        Set<String> read = new TreeSet<>();
        DEPLOYABLES.get(App.TRADE_MATCHING.id()).read(binderOf(environment), tracking(read), environment, read);
        Set<String> left = new TreeSet<>(environment.keySet());
        left.removeAll(read);
        assertThat(left).containsExactly("TRADEWIND_MQ_BROKER_URI", "TRADEWIND_TRADEMATCHING_STAGE");
    }

    @Test
    void tradewindServicesRunTheBuildsImagesOnItsPortWithTheImagesHealthCheck() throws IOException {
        String rootPom = Files.readString(REPOSITORY.resolve("pom.xml"));
        String version = firstGroup(rootPom, "<artifactId>tradewind</artifactId>\\s*<version>([^<]+)</version>");
        assertThat(firstGroup(rootPom, "<image.name>([^<]+)</image.name>"))
                .isEqualTo("tradewind/${project.artifactId}");
        assertThat(firstGroup(rootPom, "<ports>\\s*<port>([0-9]+)</port>"))
                .isEqualTo(String.valueOf(HealthCheck.DEFAULT_PORT));
        assertThat(tradewindServices()).containsExactlyInAnyOrderElementsOf(DEPLOYABLES.keySet());
        for (String service : tradewindServices()) {
            Map<String, Object> definition = services.get(service);
            assertThat(definition.get("image"))
                    .as(service + "'s image")
                    .isEqualTo(Deployable.IMAGE_PREFIX + service + ":" + version);
            Map<String, String> environment = environmentOf(service);
            if (service.equals(Deployable.RECONCILIATION_REPLAY.id())) {
                // A command that runs to completion: no server, no port, no health check.
                assertThat(definition).doesNotContainKeys("ports", "healthcheck");
                continue;
            }
            assertThat(environment.get("SERVER_PORT")).as(service).isEqualTo(String.valueOf(HealthCheck.DEFAULT_PORT));
            assertThat(stringsOf(definition.get("ports")))
                    .as(service + "'s ports: published on loopback only, to the container's server port")
                    .singleElement()
                    .asString()
                    .matches("127\\.0\\.0\\.1:[0-9]+:" + HealthCheck.DEFAULT_PORT);
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) definition.get("healthcheck");
            List<String> command = new ArrayList<>(List.of("CMD"));
            command.addAll(HealthCheck.command(HealthCheck.READINESS));
            assertThat(healthcheck.get("test")).as(service + "'s health check").isEqualTo(command);
            // The HTTP endpoints bind every interface in a container: the guard needs its login or the app stops.
            assertThat(environment).as(service).containsKeys("TRADEWIND_HTTP_USERNAME", "TRADEWIND_HTTP_PASSWORD");
        }
    }

    @Test
    void everyImageIsPinnedAndLocalStackNeedsNoAuthToken() {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            String image = (String) service.getValue().get("image");
            assertThat(image).as(service.getKey() + "'s image").isNotNull().doesNotContain("$");
            String tag = image.substring(image.lastIndexOf('/') + 1).contains(":")
                    ? image.substring(image.lastIndexOf(':') + 1)
                    : "";
            assertThat(tag).as(service.getKey() + "'s tag").isNotBlank().isNotEqualToIgnoringCase("latest");
            if (image.startsWith("localstack/"))
                assertThat(compare(versionOf(tag), LAST_TOKEN_FREE_LOCALSTACK))
                        .as("LocalStack " + tag + ": tags after " + LAST_TOKEN_FREE_LOCALSTACK + " need an auth token")
                        .isLessThanOrEqualTo(0);
        }
        assertThat(services.keySet()).contains("localstack", "activemq", "postgres");
    }

    @Test
    void everyGatedServiceHasItsGatePinnedOnForLocalStackHasNoArc() {
        for (String service : tradewindServices()) {
            Map<String, String> environment = environmentOf(service);
            if (environment.containsKey("TRADEWIND_ARC_ENDPOINTS"))
                assertThat(binderOf(environment)
                                .bind(PinnedOnRoutingControls.PROPERTY, Boolean.class)
                                .orElse(false))
                        .as(service + ": " + PinnedOnRoutingControls.PROPERTY)
                        .isTrue();
        }
    }

    @Test
    void brokerLoginsAreTheBrokersUsersAndEachAppLogsInAsItsIdentity() throws IOException {
        Map<String, String> users = brokerUsers();
        for (String service : tradewindServices()) {
            Map<String, String> environment = environmentOf(service);
            String username = environment.get("TRADEWIND_MQ_USERNAME");
            if (username == null) continue;
            assertThat(users)
                    .as(service + "'s broker login")
                    .containsEntry(username, environment.get("TRADEWIND_MQ_PASSWORD"));
            if (App.ids().contains(service))
                assertThat(username)
                        .isEqualTo(ServiceIdentity.of(App.of(service)).user());
        }
        Properties generatorLogins = new Properties();
        generatorLogins.load(new StringReader(
                Files.readString(REPOSITORY.resolve("docker/trade-generator/credentials.properties"))));
        assertThat(generatorLogins).isNotEmpty();
        generatorLogins.forEach((user, password) -> assertThat(users)
                .as("the generator's login of " + user)
                .containsEntry((String) user, (String) password));
        assertThat(users.keySet())
                .as("every service identity and demo participant is a broker user")
                .containsAll(ServiceIdentity.users())
                .containsAll(DemoParticipants.all().keySet());
    }

    @Test
    void theInitStepRegistersTheDemoParticipantsInTheRegistryTheAppsRead() throws IOException {
        String hook = Files.readString(REPOSITORY.resolve("docker/localstack/ready.d/10-tradewind-participants.sh"));
        assertThat(firstGroup(hook, "(?m)^TABLE=(\\S+)$")).isEqualTo(Tables.PARTICIPANTS);
        assertThat(hook)
                .contains("AttributeName=" + DynamoDbParticipantRegistry.KEY + ",AttributeType=S")
                .contains("AttributeName=" + DynamoDbParticipantRegistry.KEY + ",KeyType=HASH");
        Map<String, Set<Role>> registered = new TreeMap<>();
        Matcher put = Pattern.compile("(?m)^put_participant (\\S+) (\\S+)$").matcher(hook);
        while (put.find()) registered.put(put.group(1), Set.of(Role.valueOf(put.group(2))));
        assertThat(registered).isEqualTo(new TreeMap<>(DemoParticipants.all()));
        assertThat(stringsOf(services.get("localstack").get("volumes")))
                .contains("./docker/localstack/ready.d:/etc/localstack/init/ready.d:ro");
    }

    @Test
    void everyFileAServiceMountsExists() {
        services.forEach((service, definition) -> {
            for (String volume : stringsOf(definition.get("volumes"))) {
                String host = volume.substring(0, volume.indexOf(':'));
                assertThat(REPOSITORY.resolve(host))
                        .as(service + " mounts " + host)
                        .exists();
            }
        });
    }

    /** Reads what one deployable reads from its environment, failing where a value does not bind or is refused. */
    @FunctionalInterface
    private interface PropertyReader {
        void read(Binder binder, BindHandler tracking, Map<String, String> environment, Set<String> read);
    }

    private static Map<String, PropertyReader> deployables() {
        Map<String, PropertyReader> deployables = new LinkedHashMap<>();
        deployables.put(App.TRADE_MATCHING.id(), (binder, tracking, environment, read) -> {
            matchingApp(binder, tracking, App.TRADE_MATCHING);
            binder.bind(TradeMatchingProperties.PREFIX, Bindable.of(TradeMatchingProperties.class), tracking);
        });
        deployables.put(App.SETTLEMENT_MATCHING.id(), (binder, tracking, environment, read) -> {
            matchingApp(binder, tracking, App.SETTLEMENT_MATCHING);
            binder.bind(SettlementMatchingProperties.PREFIX, Bindable.of(SettlementMatchingProperties.class), tracking);
        });
        deployables.put(Deployable.TRADE_GENERATOR.id(), (binder, tracking, environment, read) -> {
            webService(binder, tracking);
            binder.bind("tradewind.trade-generator", Bindable.of(TradeGeneratorProperties.class), tracking);
            // The generator reads the platform's settings when it follows a routing control (a control panel named).
            if (binder.bind("tradewind.arc.control-panel-arn", String.class).isBound())
                binder.bind("tradewind", Bindable.of(PlatformProperties.class), tracking)
                        .orElseThrow(() -> new IllegalStateException("tradewind.* does not bind"));
            binder.bind(PinnedOnRoutingControls.PROPERTY, Bindable.of(Boolean.class), tracking);
        });
        deployables.put(Deployable.OPS_CONSOLE.id(), (binder, tracking, environment, read) -> {
            webService(binder, tracking);
            // Its users, one JSON document, as ConsoleSecurity reads them; a document it would refuse fails here. The
            // file writes each $ of the BCrypt hashes as $$, which compose reads as one.
            binder.bind(ConsoleUsers.PROPERTY, Bindable.of(String.class), tracking)
                    .ifBound(users -> ConsoleUsers.parse(users.replace("$$", "$"), ConsoleUsers.PROPERTY));
        });
        deployables.put(Deployable.RECONCILIATION_REPLAY.id(), (binder, tracking, environment, read) -> {
            // A command line: it reads its options, and its database password from this variable only.
            for (String variable : environment.keySet())
                if (variable.equals(ReconcileCommand.PASSWORD_VARIABLE)) read.add(variable);
        });
        return deployables;
    }

    private static void matchingApp(Binder binder, BindHandler tracking, App app) {
        webService(binder, tracking);
        binder.bind("tradewind", Bindable.of(PlatformProperties.class), tracking)
                .orElseThrow(() -> new IllegalStateException("tradewind.* does not bind"));
        binder.bind("tradewind." + app.id(), Bindable.of(PipelineSettings.class), tracking)
                .ifBound(PipelineSettings::selectedStages); // a stage name the app does not have is refused here
        binder.bind("spring.datasource", Bindable.of(DataSourceProperties.class), tracking);
        binder.bind(PinnedOnRoutingControls.PROPERTY, Bindable.of(Boolean.class), tracking);
        springCloudAws(binder, tracking);
    }

    /** Spring Cloud AWS's region, credentials and each client's endpoint, as the matching apps locate their clients. */
    private static void springCloudAws(Binder binder, BindHandler tracking) {
        binder.bind("spring.cloud.aws.region", Bindable.of(RegionProperties.class), tracking);
        binder.bind("spring.cloud.aws.credentials", Bindable.of(CredentialsProperties.class), tracking);
        for (AwsService service : AwsService.values())
            binder.bind(
                    "spring.cloud.aws." + service.configName(),
                    Bindable.ofInstance(new AwsClientProperties() {}),
                    tracking);
    }

    /** What every service with an HTTP server reads one by one: its port, profiles, and the guard's login. */
    private static void webService(Binder binder, BindHandler tracking) {
        binder.bind("server.port", Bindable.of(Integer.class), tracking);
        binder.bind("spring.profiles.active", Bindable.listOf(String.class), tracking);
        binder.bind(HttpEndpointSecurity.HttpAccess.USERNAME, Bindable.of(String.class), tracking);
        binder.bind(HttpEndpointSecurity.HttpAccess.PASSWORD, Bindable.of(String.class), tracking);
        binder.bind(HttpEndpointSecurity.HttpAccess.PASSWORD_FILE, Bindable.of(String.class), tracking);
    }

    /** The environment as a process's environment, so relaxed binding maps TRADEWIND_MQ_BROKERURL as Spring does. */
    private static Binder binderOf(Map<String, String> environment) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment))));
    }

    /** Records the variable behind every property a bind took a value from. */
    private static BindHandler tracking(Set<String> read) {
        return new BoundPropertiesTrackingBindHandler(property -> read.add(variableOf(property.getOrigin())));
    }

    private static String variableOf(Origin origin) {
        if (origin instanceof PropertySourceOrigin source) return source.getPropertyName();
        throw new IllegalStateException("a property from " + origin + ", not the environment");
    }

    private List<String> tradewindServices() {
        return services.entrySet().stream()
                .filter(service ->
                        String.valueOf(service.getValue().get("image")).startsWith(Deployable.IMAGE_PREFIX))
                .map(Map.Entry::getKey)
                .toList();
    }

    private String deployableOf(String service) {
        String image = (String) services.get(service).get("image");
        String name = image.substring(Deployable.IMAGE_PREFIX.length(), image.indexOf(':'));
        assertThat(DEPLOYABLES)
                .as(service + "'s image " + image + " is a deployable's")
                .containsKey(name);
        return name;
    }

    private Map<String, String> environmentOf(String service) {
        Object environment = services.get(service).get("environment");
        Map<String, String> variables = new TreeMap<>();
        if (environment == null) return variables;
        assertThat(environment).as(service + "'s environment, as a map").isInstanceOf(Map.class);
        ((Map<?, ?>) environment).forEach((name, value) -> {
            assertThat(value)
                    .as(service + " " + name + ": quote numbers and booleans")
                    .isInstanceOf(String.class);
            variables.put((String) name, (String) value);
        });
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COMPOSE, e);
        }
    }

    /** The users of the broker's configuration (docker/activemq/activemq.xml) and their passwords. */
    private static Map<String, String> brokerUsers() throws IOException {
        String xml = Files.readString(REPOSITORY.resolve("docker/activemq/activemq.xml"));
        Map<String, String> users = new TreeMap<>();
        Matcher user = Pattern.compile("<authenticationUser username=\"([^\"]+)\" password=\"([^\"]+)\"")
                .matcher(xml);
        while (user.find()) users.put(user.group(1), user.group(2));
        return users;
    }

    private static List<String> stringsOf(Object list) {
        if (list == null) return List.of();
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static String firstGroup(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private static List<Integer> versionOf(String tag) {
        assertThat(tag).matches("[0-9]+(\\.[0-9]+)*");
        return java.util.Arrays.stream(tag.split("\\.")).map(Integer::valueOf).toList();
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int difference = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (difference != 0) return difference;
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) cause = cause.getCause();
        return e.getMessage() + (cause == e ? "" : " (" + cause.getMessage() + ")");
    }

    /** The one-off reconciliation's arguments are options its command line has (it reads no other settings). */
    @Test
    void reconciliationReplaysCommandIsOneItsCommandLineTakes() {
        List<String> command =
                stringsOf(services.get(Deployable.RECONCILIATION_REPLAY.id()).get("command"));
        assertThat(command).isNotEmpty();
        new CommandLine(new ReconcileCommand()).parseArgs(command.toArray(String[]::new));
    }
}
