package io.tradewind.deployment;

import static io.tradewind.deployment.TerraformModule.keys;
import static io.tradewind.deployment.TerraformModule.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.BrokerAccessPolicy.AccessRule;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.Deployable;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireLimits;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The brokers on AWS run {@link BrokerAccessPolicy}: their Amazon MQ configuration, rendered as Terraform renders it
 * for any participants, authorizes exactly the policy's entries, stamps the authenticated sender on every message, and
 * holds nothing Amazon MQ would refuse; and every broker user Terraform declares is in the groups the policy gives it.
 */
class BrokerConfigurationTest {
    private static final String ACTIVEMQ_NAMESPACE = "http://activemq.apache.org/schema/core";

    /**
     * What Amazon MQ takes in an ActiveMQ configuration, for the elements the template uses: each element's child
     * (collection) elements and attributes, from "Elements permitted in Amazon MQ configurations" and its pages of
     * child collection elements and of attributes (docs.aws.amazon.com/amazon-mq/latest/developer-guide/
     * permitted-elements.html; mirroredQueue's attributes as Amazon MQ's default configuration writes them). Anything
     * else fails, so a new element is checked against those pages before it is added here.
     */
    private static final Map<String, Set<String>> PERMITTED_CHILDREN = Map.of(
            "broker", Set.of("destinations", "destinationInterceptors", "plugins"),
            "destinations", Set.of("queue", "topic", "tempQueue", "tempTopic"),
            "destinationInterceptors", Set.of("mirroredQueue", "virtualDestinationInterceptor"),
            "plugins", Set.of("authorizationPlugin"),
            "authorizationPlugin", Set.of("map"),
            "map", Set.of("authorizationMap"),
            "authorizationMap", Set.of("authorizationEntries"),
            "authorizationEntries", Set.of("authorizationEntry"));

    private static final Map<String, Set<String>> PERMITTED_ATTRIBUTES = Map.of(
            "broker",
            Set.of(
                    "advisorySupport",
                    "persistent",
                    "populateJMSXUserID",
                    "schedulePeriodForDestinationPurge",
                    "useAuthenticatedPrincipalForJMSXUserID"),
            "queue",
            Set.of("physicalName", "DLQ"),
            "mirroredQueue",
            Set.of("copyMessage", "postfix", "prefix"),
            "authorizationEntry",
            Set.of("admin", "queue", "read", "tempQueue", "tempTopic", "topic", "write"));

    private final TerraformModule root = TerraformModule.at("");
    private final TerraformModule region = TerraformModule.at("modules/region");

    @Test
    void theTemplateIsWhatBrokerAccessPolicyWrites() throws IOException {
        Path template = TerraformModule.sourceRoot().resolve(BrokerConfigurationTemplate.PATH);
        String policy = BrokerConfigurationTemplate.text();
        String committed = Files.exists(template) ? Files.readString(template) : "";
        if (!committed.equals(policy)) {
            Path fresh = Path.of(
                    "target",
                    Path.of(BrokerConfigurationTemplate.PATH).getFileName().toString());
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, policy);
            fail("terraform/" + BrokerConfigurationTemplate.PATH
                    + " is not what BrokerAccessPolicy writes: the build wrote"
                    + " the policy's to " + fresh.toAbsolutePath() + "; copy it over (cp deployment/" + fresh
                    + " terraform/"
                    + BrokerConfigurationTemplate.PATH + ")");
        }
    }

    @Test
    void authorizesExactlyThePolicysEntriesWhateverTheParticipants() {
        for (List<String> participants :
                List.<List<String>>of(List.of(), List.of("BRK001"), List.of("BRK001", "DESK-7", "IM.042", "sd_9"))) {
            assertThat(entries(rendered(participants)))
                    .as("the entries of the configuration rendered for " + participants)
                    .containsExactlyInAnyOrderElementsOf(BrokerAccessPolicy.rules(participants));
        }
    }

    @Test
    void aParticipantReadsOnlyItsOwnStatusQueues() {
        List<AccessRule> entries = entries(rendered(List.of("BRK001", "DESK001")));
        Set<String> readableByBrk001 = entries.stream()
                .filter(entry -> entry.read().contains(BrokerAccessPolicy.groupOf("BRK001")))
                .map(AccessRule::destination)
                .collect(Collectors.toSet());
        assertThat(readableByBrk001)
                .containsExactlyInAnyOrder(Queues.tradesStatusOf("BRK001"), Queues.settlementsStatusOf("BRK001"));
    }

    @Test
    void stampsTheAuthenticatedSenderAndHoldsTheSharedQueuesAsTheSandboxsBrokerDoes() {
        Element broker = rendered(List.of("BRK001")).getDocumentElement();
        assertThat(broker.getNamespaceURI()).isEqualTo(ACTIVEMQ_NAMESPACE);
        assertThat(broker.getLocalName()).isEqualTo("broker");
        // The inbound gateways trust JMSXUserID as the sender only because the broker sets it over the sender's.
        assertThat(broker.getAttribute("populateJMSXUserID")).isEqualTo("true");
        assertThat(broker.getAttribute("useAuthenticatedPrincipalForJMSXUserID"))
                .isEqualTo("true");

        List<String> queues = new ArrayList<>();
        for (Element queue : elements(broker, "queue")) queues.add(queue.getAttribute("physicalName"));
        assertThat(queues).containsExactlyInAnyOrderElementsOf(BrokerAccessPolicy.sharedQueues());

        List<Element> mirrors = elements(broker, "mirroredQueue");
        assertThat(mirrors).hasSize(1);
        assertThat(mirrors.get(0).getAttribute("prefix")).isEqualTo(BrokerAccessPolicy.MIRROR_TOPIC_PREFIX);
        assertThat(mirrors.get(0).getAttribute("postfix")).isEmpty();
        assertThat(mirrors.get(0).getAttribute("copyMessage")).isEqualTo("true");
    }

    @Test
    void holdsOnlyElementsAndAttributesAmazonMqTakes() {
        Document configuration = rendered(List.of("BRK001", "IM001"));
        List<String> refused = new ArrayList<>();
        check(configuration.getDocumentElement(), "broker", refused);
        NodeList top = configuration.getChildNodes();
        for (int i = 0; i < top.getLength(); i++)
            if (top.item(i).getNodeType() != Node.ELEMENT_NODE)
                refused.add("a " + top.item(i).getNodeName() + " beside <broker>");
        assertThat(refused)
                .as("what Amazon MQ does not take in an ActiveMQ configuration")
                .isEmpty();
    }

    @Test
    void eachAppsBrokersRunTheConfigurationRenderedForTheParticipants() {
        JsonNode configuration = region.resource("aws_mq_configuration", "app");
        JsonNode broker = region.resource("aws_mq_broker", "app");
        assertThat(configuration.path("for_each").asText()).isEqualTo("${toset(local.apps)}");
        assertThat(broker.path("for_each").asText()).isEqualTo("${toset(local.apps)}");
        assertThat(configuration.path("engine_type").asText()).isEqualTo("ActiveMQ");
        assertThat(configuration.path("engine_version").asText())
                .isEqualTo(broker.path("engine_version").asText())
                .isEqualTo("${var.mq_engine_version}");
        assertThat(configuration.path("authentication_strategy").asText())
                .isEqualTo(broker.path("authentication_strategy").asText())
                .isEqualTo("simple");
        assertThat(configuration.path("data").asText())
                .isEqualTo("${templatefile(\"${path.module}/"
                        + Path.of(BrokerConfigurationTemplate.PATH).getFileName() + "\", { "
                        + BrokerConfigurationTemplate.PARTICIPANTS + " = keys(var.participants) })}");

        JsonNode runs = broker.path("configuration").get(0);
        assertThat(runs.path("id").asText()).isEqualTo("${aws_mq_configuration.app[each.key].id}");
        assertThat(runs.path("revision").asText()).isEqualTo("${aws_mq_configuration.app[each.key].latest_revision}");
    }

    @Test
    void everyBrokerUserIsInTheGroupsThePolicyGivesIt() {
        JsonNode services = region.local("broker_users");
        assertThat(keys(services, "local.broker_users")).containsExactlyInAnyOrderElementsOf(Deployable.brokerUsers());
        for (ServiceIdentity service : ServiceIdentity.values())
            assertThat(strings(services.path(service.user()), "local.broker_users." + service.user()))
                    .containsExactlyInAnyOrderElementsOf(BrokerAccessPolicy.groupsOf(service));

        // A participant's groups are every user's, its own and its roles' (whose names are the groups)...
        assertThat(BrokerAccessPolicy.groupsOf(Participant.onboard(
                        new ParticipantId("BRK001"), Set.of(Role.BROKER, Role.INVESTMENT_MANAGER), Instant.EPOCH)))
                .containsExactlyInAnyOrder(
                        BrokerAccessPolicy.AUTHENTICATED,
                        BrokerAccessPolicy.groupOf("BRK001"),
                        Role.BROKER.name(),
                        Role.INVESTMENT_MANAGER.name());
        // ...which is what Terraform gives each participant of var.participants (id => role names).
        assertThat(region.local("participant_users").asText().replaceAll("\\s+", " "))
                .isEqualTo("${{ for id, roles in var.participants : id => distinct(concat([\""
                        + BrokerAccessPolicy.AUTHENTICATED + "\", \"" + BrokerAccessPolicy.groupOf("${id}")
                        + "\"], roles)) }}");

        JsonNode users = region.resource("aws_mq_broker", "app")
                .path("dynamic")
                .path("user")
                .get(0);
        assertThat(users.path("for_each").asText()).isEqualTo("${merge(local.broker_users, local.participant_users)}");
        JsonNode user = users.path("content").get(0);
        assertThat(user.path("username").asText()).isEqualTo("${user.key}");
        assertThat(user.path("groups").asText()).isEqualTo("${user.value}");
        assertThat(user.path("console_access").asBoolean(true)).isFalse();
    }

    @Test
    void theParticipantsVariableTakesWhatTheOpsConsoleAndAmazonMqTake() {
        JsonNode variable = root.variables().get("participants");
        assertThat(variable).as("variable participants").isNotNull();
        String conditions = listOf(variable.path("validation")).stream()
                .map(validation -> validation.path("condition").asText())
                .collect(Collectors.joining("\n"));
        // Amazon MQ's user names admit no ':' or '/', which participant ids may hold.
        assertThat(conditions).contains("\"^[A-Za-z0-9._-]{2," + WireLimits.MAX_PARTICIPANT_ID_LENGTH + "}$\"");
        Set<String> reserved = new LinkedHashSet<>(ServiceIdentity.users());
        reserved.addAll(Participant.NO_ONE);
        for (String name : reserved)
            assertThat(conditions).as("reserved " + name).contains("\"" + name + "\"");
        for (String role : Role.names())
            assertThat(conditions).as("role " + role).contains("\"" + role + "\"");

        for (String instance : List.of("us_east_1", "us_west_2")) {
            JsonNode module = root.modules().get(instance);
            assertThat(module.path("participants").asText()).isEqualTo("${var.participants}");
            assertThat(module.path("participant_passwords").asText())
                    .isEqualTo("${module.global.participant_passwords}");
        }
        assertThat(root.modules().get("global").path("participant_ids").asText())
                .isEqualTo("${keys(var.participants)}");
    }

    private static List<JsonNode> listOf(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The configuration Terraform renders from the committed template for these participants' ids. */
    private static Document rendered(List<String> participants) {
        Path template = TerraformModule.sourceRoot().resolve(BrokerConfigurationTemplate.PATH);
        try {
            String xml = TerraformTemplate.render(
                    Files.readString(template), Map.of(BrokerConfigurationTemplate.PARTICIPANTS, participants));
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("cannot render " + template + " for " + participants + ": " + e.getMessage(), e);
        }
    }

    /** Each authorizationEntry as the policy's rule it stands for. */
    private static List<AccessRule> entries(Document configuration) {
        List<AccessRule> entries = new ArrayList<>();
        for (Element entry : elements(configuration.getDocumentElement(), "authorizationEntry")) {
            boolean topic = entry.hasAttribute("topic");
            if (topic == entry.hasAttribute("queue"))
                throw new AssertionError(
                        "an authorizationEntry names no queue or topic, or both: " + attributes(entry));
            entries.add(new AccessRule(
                    entry.getAttribute(topic ? "topic" : "queue"),
                    topic,
                    groups(entry, "read"),
                    groups(entry, "write"),
                    groups(entry, "admin")));
        }
        return entries;
    }

    private static Set<String> groups(Element entry, String right) {
        String groups = entry.getAttribute(right);
        return groups.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(groups.split(",")));
    }

    private static List<Element> elements(Element under, String name) {
        NodeList found = under.getElementsByTagNameNS(ACTIVEMQ_NAMESPACE, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) elements.add((Element) found.item(i));
        return elements;
    }

    private static void check(Element element, String path, List<String> refused) {
        if (!ACTIVEMQ_NAMESPACE.equals(element.getNamespaceURI()))
            refused.add(path + " is outside ActiveMQ's namespace: " + element.getNamespaceURI());
        Set<String> attributes = PERMITTED_ATTRIBUTES.getOrDefault(element.getLocalName(), Set.of());
        NamedNodeMap present = element.getAttributes();
        for (int i = 0; i < present.getLength(); i++) {
            String attribute = present.item(i).getNodeName();
            if (!attribute.equals("xmlns") && !attributes.contains(attribute)) refused.add(path + "/@" + attribute);
        }
        Set<String> children = PERMITTED_CHILDREN.getOrDefault(element.getLocalName(), Set.of());
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                String child = node.getLocalName();
                if (!children.contains(child)) refused.add(path + "/" + child);
                check((Element) node, path + "/" + child, refused);
            } else if (node.getNodeType() != Node.TEXT_NODE
                    || !node.getTextContent().isBlank()) refused.add(path + " holds a " + node.getNodeName());
        }
    }

    private static String attributes(Element element) {
        List<String> attributes = new ArrayList<>();
        NamedNodeMap present = element.getAttributes();
        for (int i = 0; i < present.getLength(); i++)
            attributes.add(present.item(i).getNodeName() + "=" + present.item(i).getNodeValue());
        return String.join(" ", attributes);
    }
}
