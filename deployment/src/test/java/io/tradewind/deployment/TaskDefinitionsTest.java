package io.tradewind.deployment;

import static io.tradewind.deployment.TerraformModule.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployable;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.Secrets;
import io.tradewind.model.topology.StageFootprint;
import io.tradewind.model.topology.TaskEnvironment;
import io.tradewind.platform.probe.HealthCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each ECS task passes exactly the environment its stage reads ({@link Deployment}'s footprints): every variable, none
 * more, with the values the code expects where they are fixed, and the secrets' keys ECS fills the rest from.
 */
class TaskDefinitionsTest {
    private final TerraformModule region = TerraformModule.at("modules/region");
    private final JsonNode tasks = region.local("tasks");

    @Test
    void definesATaskForEveryServiceOfTheDeploymentAndNoOther() {
        for (String each : Deployment.REGIONS)
            assertThat(keys(tasks, "local.tasks"))
                    .containsExactlyInAnyOrderElementsOf(Deployment.footprints(each).stream()
                            .map(StageFootprint::service)
                            .toList());
        assertThat(region.resource("aws_ecs_task_definition", "task")
                        .path("for_each")
                        .asText())
                .isEqualTo("${local.tasks}");
    }

    @Test
    void passesEachStageExactlyTheVariablesItReads() {
        for (StageFootprint footprint : Deployment.footprints(Deployment.PRIMARY_REGION)) {
            JsonNode task = tasks.path(footprint.service());
            assertThat(keys(task.path("environment"), footprint.service() + "'s environment"))
                    .as(footprint.service() + ": the variables of its task")
                    .containsExactlyInAnyOrderElementsOf(footprint.environment());
            JsonNode secrets = task.path("secret_environment");
            assertThat(keys(secrets, footprint.service() + "'s secret_environment"))
                    .as(footprint.service() + ": the variables ECS fills from secrets")
                    .containsExactlyInAnyOrderElementsOf(
                            footprint.secretEnvironment().keySet());
            footprint.secretEnvironment().forEach((variable, from) -> {
                assertThat(secrets.path(variable).path("secret").asText())
                        .as(footprint.service() + ": the secret of " + variable)
                        .isEqualTo(from.secret());
                assertThat(secrets.path(variable).path("key").asText())
                        .as(footprint.service() + ": the key of " + variable)
                        .isEqualTo(from.key());
            });
            assertThat(task.path("image").asText())
                    .isEqualTo(footprint.deployable().image());
            assertThat(task.path("log_group").asText())
                    .isEqualTo(footprint.deployable().id());
        }
    }

    @Test
    void givesTheFixedVariablesTheValuesTheCodeExpects() {
        for (App app : App.values())
            for (StageFootprint footprint : Deployment.footprints(Deployment.PRIMARY_REGION)) {
                if (!footprint.deployable().app().equals(java.util.Optional.of(app))) continue;
                Map<String, String> environment = TerraformDeclaresEveryNameTest.textValues(
                        tasks.path(footprint.service()).path("environment"));
                String service = footprint.service();
                assertThat(environment.get(TaskEnvironment.SPRING_PROFILES_ACTIVE))
                        .as(service + ": the broker's profile exactly where it is given the broker login's secret")
                        .isEqualTo(TaskEnvironment.profiles(environment.containsKey(TaskEnvironment.MQ_SECRET_ID)));
                assertThat(environment.get(TaskEnvironment.SERVER_PORT))
                        .as(service)
                        .isEqualTo(String.valueOf(TaskEnvironment.CONTAINER_PORT));
                assertThat(environment.get(TaskEnvironment.REGION)).as(service).isEqualTo("${var.region}");
                assertThat(environment.get(TaskEnvironment.stages(app)))
                        .as(service + ": the one stage it runs")
                        .isEqualTo(footprint.stage());
                assertThat(environment.get(TaskEnvironment.DATABASE_SECRET_ID))
                        .as(service)
                        .isEqualTo(Secrets.database(app));
                assertThat(environment.get(TaskEnvironment.DATASOURCE_URL))
                        .as(service)
                        .isEqualTo("${local.datasource_urls[\"" + app.id() + "\"]}");
                assertThat(environment.get(TaskEnvironment.MQ_BROKER_URL))
                        .as(service)
                        .isEqualTo("${local.broker_urls[\"" + app.id() + "\"]}");
                assertThat(environment.get(TaskEnvironment.ARC_ROUTING_CONTROL_ARNS))
                        .as(service + ": the name=arn pairs of its own routing controls")
                        .isEqualTo("${local.routing_control_arns[\"" + service + "\"]}");
                if (environment.containsKey(TaskEnvironment.MQ_SECRET_ID))
                    assertThat(environment.get(TaskEnvironment.MQ_SECRET_ID))
                            .as(service)
                            .isEqualTo(Secrets.mq(footprint.deployable()));
                if (environment.containsKey(TaskEnvironment.SPRING_APPLICATION_JSON))
                    assertThat(environment.get(TaskEnvironment.SPRING_APPLICATION_JSON))
                            .as(service)
                            .isEqualTo("${local.peer_region_brokers[\"" + app.id() + "\"]}");
            }
    }

    @Test
    void buildsTheValuesAsTheServicesReadThem() {
        String datasource = region.local("datasource_urls").asText();
        String url = TaskEnvironment.datasourceUrl("${var.database_endpoints[app]}", App.TRADE_MATCHING);
        assertThat(datasource)
                .as("the JDBC URL, with the app's schema (TaskEnvironment.datasourceUrl)")
                .contains(url.substring(0, url.indexOf("?currentSchema=") + "?currentSchema=".length()))
                .contains("replace(app, \"-\", \"_\")");
        assertThat(App.TRADE_MATCHING.schema()).isEqualTo("trade_matching");

        for (App app : App.values()) {
            String json =
                    squeezed(region.local("peer_region_brokers").path(app.id()).asText());
            List<String> path = List.of(TaskEnvironment.peerRegionBrokers(app).split("\\."));
            assertThat(json)
                    .as("SPRING_APPLICATION_JSON of " + app.id() + " sets " + TaskEnvironment.peerRegionBrokers(app))
                    .startsWith("${jsonencode({ " + path.get(0) + " = { \"" + path.get(1) + "\" = {")
                    .contains("\"" + path.get(2)
                            + "\" = { for region in var.regions : region => var.broker_urls[region][\""
                            + TaskEnvironment.peerOf(app).id() + "\"] }");
        }
        assertThat(region.local("routing_control_arns").asText())
                .contains("\"${control}=${var.routing_control_arns[control]}\"")
                .contains("footprint.routing_controls");
    }

    @Test
    void putsEachTasksEnvironmentAndSecretsIntoItsContainer() {
        String containers = squeezed(region.resource("aws_ecs_task_definition", "task")
                .path("container_definitions")
                .asText());
        assertThat(containers)
                .contains("environment = [for name, value in each.value.environment : { name = name, value = value }]")
                .contains("for name, from in each.value.secret_environment")
                .contains("valueFrom = \"${var.secret_arns[from.secret]}:${from.key}::\"")
                .contains("image = \"${var.image_registry}/${each.value.image}:${var.image_tag}\"");
        JsonNode services = region.resource("aws_ecs_service", "service");
        assertThat(services.path("for_each").asText()).contains("local.tasks").contains("task.service");
        // Reconciliation is a task the runbook runs, not a service; the generator waits at zero tasks.
        for (App app : App.values()) {
            JsonNode replay = tasks.path(Deployment.reconciliationTask(app));
            assertThat(replay.path("service").asBoolean()).isFalse();
            assertThat(replay.path("command").toString()).contains("\"--app\",\"" + app.id() + "\"");
        }
        assertThat(tasks.path("trade-generator").path("desired_count").asText())
                .isEqualTo("${var.generator_desired_count}");
        assertThat(region.variables()
                        .get("generator_desired_count")
                        .path("default")
                        .asInt())
                .isZero();
    }

    @Test
    void checksEachServicesLivenessWithTheImagesOwnHealthCheck() {
        List<String> command = new java.util.ArrayList<>(List.of("CMD"));
        command.addAll(HealthCheck.command("liveness"));
        String expected = command.stream()
                .map(word -> "\"" + word + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "command = [", "]"));
        assertThat(squeezed(region.resource("aws_ecs_task_definition", "task")
                        .path("container_definitions")
                        .asText()))
                .contains(expected);
    }

    @Test
    void runsTheOpsConsoleAsAServiceWithItsTopologyItsUsersSecretAndItsAccessSettings() {
        JsonNode console = tasks.path(Deployable.OPS_CONSOLE.id());
        Map<String, String> environment = TerraformDeclaresEveryNameTest.textValues(console.path("environment"));

        assertThat(console.path("service").asBoolean()).isTrue();
        assertThat(console.path("container_port").asInt()).isEqualTo(TaskEnvironment.CONTAINER_PORT);
        assertThat(console.path("desired_count").asText()).isEqualTo("${var.ops_console_desired_count}");
        assertThat(region.variables()
                        .get("ops_console_desired_count")
                        .path("default")
                        .asInt())
                .as("one console per region, running")
                .isEqualTo(1);
        assertThat(environment)
                .containsEntry(TaskEnvironment.SPRING_PROFILES_ACTIVE, TaskEnvironment.AWS_PROFILE)
                .containsEntry(TaskEnvironment.SERVER_PORT, String.valueOf(TaskEnvironment.CONTAINER_PORT))
                .containsEntry(TaskEnvironment.REGION, "${var.region}")
                .containsEntry(TaskEnvironment.CONSOLE_TOPOLOGY, "${var.console_topology}")
                .containsEntry(TaskEnvironment.CONSOLE_USERS_SECRET_ID, Secrets.CONSOLE_USERS)
                .containsEntry(TaskEnvironment.SPRING_APPLICATION_JSON, "${local.console_access}");
        // Each region's console is given the topology the root outputs for the command line: one document.
        TerraformModule root = TerraformModule.at("");
        for (String module : List.of("us_east_1", "us_west_2"))
            assertThat(root.modules().get(module).path("console_topology").asText())
                    .isEqualTo("${local.runbook_topology}");
        assertThat(root.outputs().get("runbook_topology").path("value").asText())
                .isEqualTo("${local.runbook_topology}");
        assertThat(squeezed(root.local("runbook_topology").asText()))
                .contains("arcEndpoints", "controlPanelArn", "routingControlArns", "auroraGlobalClusters", "regions")
                .contains("broker = module_outputs.broker_urls[\"trade-matching\"]");
    }

    @Test
    void participantsReachTheBrokersOverTlsOnOpenWireAmqpAndStompFromTheirNetworksOnly() {
        JsonNode protocols = region.local("participant_protocols");
        assertThat(protocols.path("openwire").asInt()).isEqualTo(61617);
        assertThat(protocols.path("amqp").asInt()).isEqualTo(5671);
        assertThat(protocols.path("stomp").asInt()).isEqualTo(61614);
        assertThat(protocols.size()).as("MQTT and WebSocket stay closed").isEqualTo(3);
        JsonNode rule = region.resource("aws_vpc_security_group_ingress_rule", "brokers_from_participants");
        assertThat(rule.path("security_group_id").asText()).isEqualTo("${aws_security_group.brokers.id}");
        assertThat(rule.path("cidr_ipv4").asText()).isEqualTo("${each.value.cidr}");
        assertThat(rule.path("from_port").asText()).isEqualTo("${each.value.port}");
        assertThat(squeezed(region.local("participant_rules").asText()))
                .contains("setproduct(var.participant_cidr_blocks, keys(local.participant_protocols))");
    }

    @Test
    void setsTheConsolesAccessModeAndTrustsTheProxyHeaderFromItsLoadBalancerOnly() {
        String access = squeezed(region.local("console_access").asText());
        assertThat(access)
                .contains("mode = \"proxy\"")
                .contains("\"user-header\" = \"x-amzn-oidc-identity\"")
                .contains("\"trusted-addresses\" = [for subnet in data.aws_subnet.console_load_balancer :"
                        + " subnet.cidr_block]")
                .contains("mode = \"users\"");
        JsonNode ingress = region.resource("aws_vpc_security_group_ingress_rule", "tasks_from_console_load_balancer");
        assertThat(ingress.path("referenced_security_group_id").asText())
                .isEqualTo("${aws_security_group.console_load_balancer[0].id}");
        assertThat(ingress.path("from_port").asInt()).isEqualTo(TaskEnvironment.CONTAINER_PORT);
        assertThat(region.resources("aws_vpc_security_group_ingress_rule").keySet())
                .as("nothing else reaches a task")
                .containsExactlyInAnyOrder(
                        "brokers_from_tasks",
                        "brokers_from_participants",
                        "database_from_tasks",
                        "console_load_balancer_https",
                        "tasks_from_console_load_balancer");
        JsonNode listener = region.resource("aws_lb_listener", "console");
        assertThat(listener.path("default_action").get(0).path("type").asText()).isEqualTo("authenticate-oidc");
        assertThat(listener.path("default_action").get(1).path("type").asText()).isEqualTo("forward");
        assertThat(region.resource("aws_lb", "console")
                        .path("drop_invalid_header_fields")
                        .asBoolean())
                .isTrue();
        assertThat(region.resource("aws_lb_target_group", "console")
                        .path("health_check")
                        .get(0)
                        .path("path")
                        .asText())
                .isEqualTo(io.tradewind.platform.app.spring.HealthProbes.READINESS_PATH);
    }

    /** Expression text with every run of white space made one space: formatting aligns and wraps it. */
    private static String squeezed(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
