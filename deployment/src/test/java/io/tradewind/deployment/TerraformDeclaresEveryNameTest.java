package io.tradewind.deployment;

import static io.tradewind.deployment.TerraformModule.keys;
import static io.tradewind.deployment.TerraformModule.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.AppTable;
import io.tradewind.model.topology.Deployable;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.model.topology.Secrets;
import io.tradewind.model.topology.StageFootprint;
import io.tradewind.opsconsole.adapter.dynamodb.DynamoDbRotationLease;
import io.tradewind.opsconsole.adapter.dynamodb.DynamoDbRunbookAudit;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.idempotency.DynamoDbSentLog;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.stream.KclLeaseTable;
import io.tradewind.reconciliation.audit.DynamoDbReconciliationAudit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every name the services use is declared by the Terraform, under the name the code spells
 * ({@link io.tradewind.model.topology}): the streams, the tables (keyed as the code writes them), the routing controls
 * and their safety rules, the secrets, the brokers' users and the regions.
 */
class TerraformDeclaresEveryNameTest {
    private final TerraformModule root = TerraformModule.at("");
    private final TerraformModule global = TerraformModule.at("modules/global");
    private final TerraformModule region = TerraformModule.at("modules/region");

    @Test
    void readsEveryTerraformFileOfTheRepository() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(TerraformModule.sourceRoot())) {
            sources = files.filter(file -> file.toString().endsWith(".tf"))
                    .map(file -> TerraformModule.sourceRoot().relativize(file).toString())
                    .filter(file -> !file.startsWith(".terraform/") && !file.contains("/.terraform/"))
                    .sorted()
                    .toList();
        }
        List<String> read;
        try (Stream<Path> files = Files.walk(TerraformModule.jsonRoot())) {
            read = files.filter(file -> file.toString().endsWith(".tf.json"))
                    .map(file -> TerraformModule.jsonRoot()
                            .relativize(file)
                            .toString()
                            .replaceAll("\\.json$", ""))
                    .sorted()
                    .toList();
        }
        assertThat(read)
                .as("every *.tf was formatted-checked and read")
                .isEqualTo(sources)
                .isNotEmpty();
    }

    @Test
    void runsInTheRegionsOfTheDeploymentWithTheWitnessOfTheSendLedgers() {
        assertThat(root.local("primary_region").asText()).isEqualTo(Deployment.PRIMARY_REGION);
        assertThat(root.local("secondary_region").asText()).isEqualTo(Deployment.SECONDARY_REGION);
        assertThat(root.local("witness_region").asText()).isEqualTo(Deployment.WITNESS_REGION);
        assertThat(root.modules()).containsKeys("global", "us_east_1", "us_west_2");
        assertThat(root.modules().get("us_east_1").path("region").asText()).isEqualTo("${local.primary_region}");
        assertThat(root.modules().get("us_west_2").path("region").asText()).isEqualTo("${local.secondary_region}");
    }

    @Test
    void declaresEveryStreamOfEachRegion() {
        assertThat(strings(region.local("streams"), "local.streams")).containsExactlyElementsOf(Deployment.streams());
        assertThat(region.resource("aws_kinesis_stream", "stage")
                        .path("for_each")
                        .asText())
                .isEqualTo("${toset(local.streams)}");
    }

    @Test
    void declaresEveryGlobalTableKeyedAsTheCodeWritesIt() {
        Map<String, String> eventual = textValues(global.local("eventually_consistent_tables"));
        List<String> strong = strings(global.local("strongly_consistent_tables"), "local.strongly_consistent_tables");

        String lease = global.local("rotation_lease_table").asText();
        List<String> declared = new ArrayList<>(eventual.keySet());
        declared.addAll(strong);
        declared.add(lease);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(Deployment.globalTables());
        List<String> sendLedgers = new ArrayList<>();
        for (App app : App.values())
            for (AppTable table : AppTable.replicated(true)) sendLedgers.add(table.of(app.id()));
        assertThat(strong).containsExactlyInAnyOrderElementsOf(sendLedgers);
        List<String> stronglyConsistent = new ArrayList<>(strong);
        stronglyConsistent.add(lease);
        assertThat(stronglyConsistent).containsExactlyInAnyOrderElementsOf(Deployment.stronglyConsistentTables());
        assertThat(lease).isEqualTo(io.tradewind.model.topology.Tables.ROTATION_LEASE);

        Map<String, String> keys = new LinkedHashMap<>();
        for (App app : App.values()) {
            keys.put(app.journalTable(), DynamoDbInboundJournal.KEY);
            keys.put(app.sentLogTable(), DynamoDbSentLog.KEY);
            keys.put(app.reconciliationAuditTable(), DynamoDbReconciliationAudit.KEY);
        }
        keys.put(io.tradewind.model.topology.Tables.PARTICIPANTS, DynamoDbParticipantRegistry.KEY);
        keys.put(io.tradewind.model.topology.Tables.ROTATION_AUDIT, DynamoDbRunbookAudit.KEY);
        assertThat(eventual).isEqualTo(keys);
        JsonNode ledger = global.resource("aws_dynamodb_table", "strongly_consistent");
        assertThat(ledger.path("replica").get(0).path("consistency_mode").asText())
                .isEqualTo("STRONG");
        assertThat(ledger.path("global_table_witness")
                        .get(0)
                        .path("region_name")
                        .asText())
                .isEqualTo("${var.witness_region}");
    }

    @Test
    void declaresTheRotationLeaseStronglyConsistentWithTheSendLedgersWitness() {
        JsonNode lease = global.resource("aws_dynamodb_table", "rotation_lease");
        assertThat(lease.path("name").asText()).isEqualTo("${local.rotation_lease_table}");
        assertThat(lease.path("hash_key").asText()).isEqualTo("${local.rotation_lease_key}");
        assertThat(lease.path("attribute").get(0).path("name").asText()).isEqualTo("${local.rotation_lease_key}");
        assertThat(lease.path("replica").get(0).path("region_name").asText()).isEqualTo("${var.secondary_region}");
        assertThat(lease.path("replica").get(0).path("consistency_mode").asText())
                .isEqualTo("STRONG");
        assertThat(lease.path("global_table_witness").get(0).path("region_name").asText())
                .as("the send ledgers' witness")
                .isEqualTo("${var.witness_region}");
        // The key the runbook's lease adapter writes.
        assertThat(global.local("rotation_lease_key").asText()).isEqualTo(DynamoDbRotationLease.KEY);
        assertThat(global.outputs()
                        .get("strongly_consistent_tables")
                        .path("value")
                        .asText())
                .contains("aws_dynamodb_table.rotation_lease.name");
    }

    @Test
    void declaresKclsLeaseTableAsTheStagesCreateIt() {
        assertThat(region.local("kcl_lease_key").asText()).isEqualTo(KclLeaseTable.LEASE_KEY);
        assertThat(region.local("kcl_lease_owner").asText()).isEqualTo(KclLeaseTable.LEASE_OWNER);
        assertThat(region.local("kcl_owner_index").asText()).isEqualTo(KclLeaseTable.OWNER_INDEX);
        assertThat(textValues(region.local("kcl_table_suffixes")).values())
                .containsExactlyInAnyOrder(
                        Deployment.KCL_COORDINATOR_STATE_SUFFIX, Deployment.KCL_WORKER_METRICS_SUFFIX);
        assertThat(region.resource("aws_dynamodb_table", "kcl_leases")
                        .path("for_each")
                        .asText())
                .as("a lease table for each stream's consumer, named after it")
                .isEqualTo("${toset(local.streams)}");
    }

    @Test
    void declaresEveryRoutingControlAndTheSafetyRulesTheSandboxEnforces() {
        assertThat(global.local("control_panel").asText()).isEqualTo(RoutingControls.CONTROL_PANEL);
        assertThat(strings(global.local("routing_controls"), "local.routing_controls"))
                .containsExactlyInAnyOrderElementsOf(Deployment.routingControls());

        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (String app : App.ids())
            for (String kind : RoutingControls.KINDS) {
                List<String> controls = new ArrayList<>();
                for (String each : Deployment.REGIONS) controls.add(RoutingControls.name(app, kind, each));
                rules.put(RoutingControls.atMostOneRegionRule(app, kind), controls);
            }
        JsonNode declared = global.local("safety_rules");
        assertThat(keys(declared, "local.safety_rules")).containsExactlyInAnyOrderElementsOf(rules.keySet());
        rules.forEach((rule, controls) ->
                assertThat(strings(declared.path(rule), rule)).containsExactlyInAnyOrderElementsOf(controls));
        JsonNode config = global.resource("aws_route53recoverycontrolconfig_safety_rule", "at_most_one_region")
                .path("rule_config")
                .get(0);
        assertThat(config.path("type").asText()).isEqualTo("ATMOST");
        assertThat(config.path("threshold").asInt()).isEqualTo(1);
        assertThat(config.path("inverted").asBoolean()).isFalse();

        JsonNode inbound = global.local("inbound_controls");
        for (App app : App.values())
            for (String each : Deployment.REGIONS)
                assertThat(inbound.path(app.id()).path(each).asText()).isEqualTo(app.inboundControl(each));
    }

    @Test
    void declaresEverySecretAndEveryServicesBrokerUser() {
        JsonNode secrets = global.local("secrets");
        assertThat(keys(secrets, "local.secrets")).containsExactlyInAnyOrderElementsOf(Secrets.all());
        for (Deployable deployable : Deployable.values())
            deployable.brokerUser().ifPresent(user -> {
                JsonNode login = secrets.path(Secrets.mq(deployable));
                assertThat(login.path("username").asText()).isEqualTo(user);
                assertThat(login.path("broker_user").asBoolean()).isTrue();
            });
        assertThat(keys(region.local("broker_users"), "local.broker_users"))
                .containsExactlyInAnyOrderElementsOf(Deployable.brokerUsers());
    }

    @Test
    void declaresTheConsolesUsersSecretReplicatedWithAnEmptyListItNeverHoldsTheValueOf() {
        assertThat(List.of(global.local("console_users_secret").asText()))
                .containsExactlyElementsOf(Secrets.setByThePlatformTeam());
        JsonNode secret = global.resource("aws_secretsmanager_secret", "console_users");
        assertThat(secret.path("name").asText()).isEqualTo("${local.console_users_secret}");
        assertThat(secret.path("replica").get(0).path("region").asText()).isEqualTo("${var.secondary_region}");
        JsonNode version = global.resource("aws_secretsmanager_secret_version", "console_users");
        assertThat(version.path("secret_string").asText()).isEqualTo("${jsonencode([])}");
        assertThat(version.path("lifecycle").get(0).path("ignore_changes").toString())
                .as("the platform team's value is never put back to the empty list, nor read into the plan")
                .contains("secret_string");
        assertThat(global.outputs().get("secret_arns").path("value").asText())
                .as("its ARN in each region, for the console's task role")
                .contains("aws_secretsmanager_secret.console_users.arn")
                .contains("local.console_users_secret");
    }

    @Test
    void declaresEverythingAFootprintNames() {
        Set<String> streams = new LinkedHashSet<>(strings(region.local("streams"), "local.streams"));
        Set<String> tables = new LinkedHashSet<>(
                textValues(global.local("eventually_consistent_tables")).keySet());
        tables.addAll(strings(global.local("strongly_consistent_tables"), "local.strongly_consistent_tables"));
        Set<String> kclTables = new LinkedHashSet<>();
        for (String consumer : streams) kclTables.addAll(Deployment.kclTables(consumer));
        Set<String> controls = new LinkedHashSet<>(strings(global.local("routing_controls"), "local.routing_controls"));
        tables.add(global.local("rotation_lease_table").asText());
        Set<String> secrets = new LinkedHashSet<>(keys(global.local("secrets"), "local.secrets"));
        secrets.add(global.local("console_users_secret").asText());

        for (String each : Deployment.REGIONS)
            for (StageFootprint footprint : Deployment.footprints(each)) {
                String service = footprint.service() + " in " + each;
                assertThat(streams).as(service + ": streams read").containsAll(footprint.streamsRead());
                assertThat(streams).as(service + ": streams written").containsAll(footprint.streamsWritten());
                assertThat(tables).as(service + ": tables read").containsAll(footprint.tablesRead());
                assertThat(tables).as(service + ": tables written").containsAll(footprint.tablesWritten());
                assertThat(footprint.ensuredTables())
                        .as(service + ": tables it creates when missing")
                        .allMatch(table -> kclTables.contains(table) || tables.contains(table));
                assertThat(controls).as(service + ": routing controls").containsAll(footprint.routingControls());
                assertThat(secrets).as(service + ": secrets").containsAll(footprint.secrets());
                footprint.secretEnvironment().values().forEach(from -> assertThat(secrets)
                        .as(service + ": secrets of its environment")
                        .contains(from.secret()));
            }
    }

    /** A literal object of strings, in order. */
    static Map<String, String> textValues(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys(object, "a literal object"))
            values.put(key, object.path(key).asText());
        return values;
    }
}
