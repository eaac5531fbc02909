package io.tradewind.deployment;

import static io.tradewind.deployment.TerraformModule.keys;
import static io.tradewind.deployment.TerraformModule.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.StageFootprint;
import io.tradewind.model.topology.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each task role grants what its stage calls and no more: the footprint the Terraform writes out per service is
 * {@link Deployment}'s, each kind of thing in it gets only the actions the code calls on it, and no statement grants a
 * wildcard resource where the resource's ARN is known.
 */
class TaskRolesTest {
    private final TerraformModule region = TerraformModule.at("modules/region");

    /**
     * What the code calls, by the kind of thing in a footprint: KCL's polling consumer and KinesisPublisher on streams;
     * the journal, participants, send ledger and audits on tables; KCL's lease tables and the runbook's audit, which
     * the code creates when missing; the region gates on routing controls; Spring Cloud AWS's secret imports.
     */
    private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
            Map.entry(
                    "stream_read",
                    List.of(
                            "kinesis:DescribeStreamSummary",
                            "kinesis:GetRecords",
                            "kinesis:GetShardIterator",
                            "kinesis:ListShards")),
            Map.entry("stream_write", List.of("kinesis:ListShards", "kinesis:PutRecords")),
            Map.entry(
                    "table_read",
                    List.of("dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan")),
            Map.entry("table_write", List.of("dynamodb:PutItem", "dynamodb:UpdateItem")),
            Map.entry(
                    "ensured_table",
                    List.of(
                            "dynamodb:CreateTable",
                            "dynamodb:DeleteItem",
                            "dynamodb:DescribeTable",
                            "dynamodb:GetItem",
                            "dynamodb:PutItem",
                            "dynamodb:Query",
                            "dynamodb:Scan",
                            "dynamodb:UpdateItem")),
            Map.entry("routing_control_read", List.of("route53-recovery-cluster:GetRoutingControlState")),
            Map.entry("secret_read", List.of("secretsmanager:GetSecretValue")),
            Map.entry("metrics", List.of("cloudwatch:PutMetricData")),
            Map.entry(
                    "routing_control_write",
                    List.of(
                            "route53-recovery-cluster:UpdateRoutingControlState",
                            "route53-recovery-cluster:UpdateRoutingControlStates")),
            Map.entry(
                    "database_switch",
                    List.of("rds:DescribeGlobalClusters", "rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster")),
            Map.entry("metrics_read", List.of("cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics")),
            Map.entry(
                    "broker_users",
                    List.of(
                            "mq:CreateUser",
                            "mq:DeleteUser",
                            "mq:DescribeUser",
                            "mq:ListUsers",
                            "mq:RebootBroker",
                            "mq:UpdateUser")),
            Map.entry(
                    "exec",
                    List.of(
                            "ssmmessages:CreateControlChannel",
                            "ssmmessages:CreateDataChannel",
                            "ssmmessages:OpenControlChannel",
                            "ssmmessages:OpenDataChannel")));

    /** The actions AWS grants on no resource but "*": CloudWatch's metrics and ECS Exec's channels. */
    private static final Set<String> WITHOUT_RESOURCES = Set.of("metrics", "metrics_read", "exec");

    /**
     * Each statement of a task role: the footprint's list it is made from (or the flag that turns it on), its actions,
     * and how each resource's ARN is made.
     */
    private record Grant(String sid, String from, String actions, String resources) {}

    private static final List<Grant> GRANTS = List.of(
            new Grant("ReadStreams", "each.value.streams_read", "stream_read", "aws_kinesis_stream.stage[stream].arn"),
            new Grant(
                    "WriteStreams",
                    "each.value.streams_written",
                    "stream_write",
                    "aws_kinesis_stream.stage[stream].arn"),
            new Grant("ReadTables", "each.value.tables_read", "table_read", "${local.table_arn_prefix}${table}"),
            new Grant("WriteTables", "each.value.tables_written", "table_write", "${local.table_arn_prefix}${table}"),
            new Grant(
                    "EnsureTables",
                    "each.value.ensured_tables",
                    "ensured_table",
                    "${local.table_arn_prefix}${table}/index/${local.kcl_owner_index}"),
            new Grant(
                    "ReadRoutingControls",
                    "each.value.routing_controls",
                    "routing_control_read",
                    "var.routing_control_arns[control]"),
            new Grant("ReadSecrets", "each.value.secrets", "secret_read", "var.secret_arns[secret]"),
            new Grant("PublishMetrics", "each.value.publishes_metrics", "metrics", "*"),
            new Grant(
                    "TurnRoutingControls",
                    "each.value.operator",
                    "routing_control_write",
                    "var.routing_control_arns[control]"),
            new Grant("SwitchDatabases", "each.value.operator", "database_switch", "var.database_arns"),
            new Grant("ReadReplicationLag", "each.value.operator", "metrics_read", "*"),
            new Grant("ManageBrokerUsers", "each.value.operator", "broker_users", "var.broker_arns"),
            new Grant("ExecIntoTheConsole", "each.value.operator", "exec", "*"));

    @Test
    void writesOutEachServicesFootprintAsTheDeploymentBuildsIt() {
        JsonNode footprints = region.local("footprints");
        for (String each : Deployment.REGIONS) {
            assertThat(keys(footprints, "local.footprints"))
                    .containsExactlyInAnyOrderElementsOf(Deployment.footprints(each).stream()
                            .map(StageFootprint::service)
                            .toList());
            for (StageFootprint footprint : Deployment.footprints(each)) {
                JsonNode declared = footprints.path(footprint.service());
                String service = footprint.service() + " in " + each;
                Map<String, List<String>> expected = new LinkedHashMap<>();
                expected.put("streams_read", footprint.streamsRead());
                expected.put("streams_written", footprint.streamsWritten());
                expected.put("tables_read", footprint.tablesRead());
                expected.put("tables_written", footprint.tablesWritten());
                expected.put("ensured_tables", footprint.ensuredTables());
                expected.put("queues", footprint.queues());
                expected.put("routing_controls", footprint.routingControls());
                expected.put("secrets", footprint.secrets());
                expected.put("metric_namespaces", footprint.metricNamespaces());
                expected.forEach((field, names) -> {
                    List<String> inRegion = new ArrayList<>();
                    for (String name : strings(declared.path(field), service + " " + field))
                        inRegion.add(name.replace("${var.region}", each));
                    assertThat(inRegion).as(service + ": " + field).containsExactlyInAnyOrderElementsOf(names);
                });
                assertThat(declared.path("publishes_metrics").asBoolean())
                        .as(service + ": publishes metrics")
                        .isEqualTo(footprint.publishesMetrics());
                assertThat(declared.path("operator").asBoolean())
                        .as(service + ": the operator")
                        .isEqualTo(footprint.operator());
            }
        }
    }

    @Test
    void grantsEachKindOfResourceOnlyTheActionsTheCodeCallsOnIt() {
        JsonNode actions = region.local("actions");
        assertThat(keys(actions, "local.actions")).containsExactlyInAnyOrderElementsOf(ACTIONS.keySet());
        ACTIONS.forEach((kind, expected) -> assertThat(strings(actions.path(kind), "local.actions." + kind))
                .as("local.actions." + kind)
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    @Test
    void makesEachStatementOfATaskRoleFromItsFootprintAndNothingElse() {
        JsonNode policy = region.data("aws_iam_policy_document", "task");
        assertThat(policy.path("for_each").asText()).isEqualTo("${local.footprints}");
        assertThat(policy.has("statement"))
                .as("every statement is made from the footprint")
                .isFalse();

        List<String> sids = new ArrayList<>();
        for (JsonNode dynamic : policy.path("dynamic").path("statement")) {
            JsonNode content = dynamic.path("content").get(0);
            String sid = content.path("sid").asText();
            sids.add(sid);
            Grant grant = GRANTS.stream()
                    .filter(each -> each.sid().equals(sid))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("a task role statement no footprint asks for: " + sid));
            assertThat(dynamic.path("for_each").asText())
                    .as(sid + " is made from")
                    .contains(grant.from());
            assertThat(content.path("actions").asText())
                    .as(sid + "'s actions")
                    .isEqualTo("${local.actions." + grant.actions() + "}");
            String resources = content.path("resources").toString();
            assertThat(resources)
                    .as(sid + "'s resources")
                    .contains(grant.resources().replace("\"", "\\\""));
            if (WITHOUT_RESOURCES.contains(grant.actions()))
                assertThat(strings(content.path("resources"), sid + "'s resources"))
                        .containsExactly("*");
            else
                assertThat(resources)
                        .as(sid + ": no wildcard where the ARN is known")
                        .doesNotContain("\"*\"");
        }
        assertThat(sids)
                .containsExactlyInAnyOrderElementsOf(
                        GRANTS.stream().map(Grant::sid).toList());
    }

    @Test
    void boundsThePublishedMetricsToTheNamespacesOfTheFootprint() {
        JsonNode publish = null;
        for (JsonNode dynamic :
                region.data("aws_iam_policy_document", "task").path("dynamic").path("statement"))
            if (dynamic.path("content").get(0).path("sid").asText().equals("PublishMetrics"))
                publish = dynamic.path("content").get(0);
        assertThat(publish).isNotNull();
        JsonNode condition = publish.path("condition").get(0);
        assertThat(condition.path("variable").asText()).isEqualTo("cloudwatch:namespace");
        assertThat(condition.path("values").asText()).isEqualTo("${each.value.metric_namespaces}");
        // Tradewind's meters, and KCL's own under its application name, for every stream consumer.
        StageFootprint matching = Deployment.footprints(Deployment.PRIMARY_REGION).stream()
                .filter(footprint -> footprint.isStage(App.TRADE_MATCHING, Stages.MATCHING))
                .findFirst()
                .orElseThrow();
        assertThat(matching.metricNamespaces())
                .containsExactly(Deployment.METRICS_NAMESPACE, App.TRADE_MATCHING.component(Stages.MATCHING));
    }

    @Test
    void letsEachExecutionRoleReadOnlyTheSecretsItsTasksEnvironmentIsFilledFrom() {
        JsonNode execution = region.data("aws_iam_policy_document", "execution_secrets");
        assertThat(execution.path("for_each").asText()).contains("task.secret_environment");
        JsonNode statement = execution.path("statement").get(0);
        assertThat(statement.path("actions").asText()).isEqualTo("${local.actions.secret_read}");
        assertThat(statement.path("resources").asText())
                .contains("values(each.value.secret_environment)")
                .contains("var.secret_arns[from.secret]");
        assertThat(region.resources("aws_iam_role_policy").keySet())
                .containsExactlyInAnyOrder("task", "execution_secrets");
    }
}
