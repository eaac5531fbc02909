package io.tradewind.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.Deployment;
import io.tradewind.platform.metrics.ReplicationMetrics;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.quarantine.Quarantine;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard read the meters the code publishes: every metric name they use is a meter name of the
 * code (its constants: {@link StageMetrics}, {@link Quarantine}, {@link ReplicationMetrics}), under the namespace and
 * with the tag the services publish them with.
 */
class AlarmsAndDashboardTest {
    private final TerraformModule region = TerraformModule.at("modules/region");
    private final Map<String, String> metrics = TerraformDeclaresEveryNameTest.textValues(region.local("metrics"));

    @Test
    void namesOnlyMetersTheCodePublishes() {
        Set<String> code = meterNamesOfTheCode();
        assertThat(metrics.values())
                .as("local.metrics, every one a meter name of the code")
                .isNotEmpty()
                .allSatisfy(name -> assertThat(code).contains(name));
        assertThat(region.local("namespace").asText()).isEqualTo(Deployment.METRICS_NAMESPACE);
    }

    @Test
    void spellsNoMetricNameOutsideTheListOfMetrics() {
        // A meter name anywhere else in the module would be one the cross-check does not hold to the code. A name is
        // a quoted string (resources named tradewind, e.g. aws_ecs_cluster.tradewind.name, are not).
        Matcher meters = Pattern.compile("(?<=\")tradewind\\.[a-z][a-z.]*[a-z]").matcher(region.text());
        Set<String> spelled = new LinkedHashSet<>();
        while (meters.find()) spelled.add(meters.group());
        assertThat(spelled)
                .containsExactlyInAnyOrderElementsOf(Set.copyOf(metrics.values().stream()
                        .filter(name -> name.startsWith("tradewind."))
                        .toList()));
        assertThat(countOf(region.text(), "ReplicationLatency")).isEqualTo(1);
        assertThat(countOf(region.text(), "AuroraGlobalDBReplicationLag")).isEqualTo(1);
    }

    @Test
    void alarmsOnStageLagQuarantinedInputsReplicationLagAndOpenBreakers() {
        JsonNode lag = region.resource("aws_cloudwatch_metric_alarm", "stage_lag");
        assertThat(lag.path("metric_name").asText()).isEqualTo("${local.metrics.stage_lag}");
        assertThat(lag.path("for_each").asText()).as("one per stream consumer").isEqualTo("${toset(local.streams)}");
        assertThat(lag.path("dimensions").path(StageMetrics.STAGE_TAG).asText()).isEqualTo("${each.key}");

        JsonNode breaker = region.resource("aws_cloudwatch_metric_alarm", "breaker_open");
        assertThat(breaker.path("metric_name").asText()).isEqualTo("${local.metrics.stage_breaker_open}");
        assertThat(breaker.path("dimensions").path(StageMetrics.STAGE_TAG).asText())
                .isEqualTo("${each.key}");
        assertThat(region.local("stage_services").asText()).contains("footprint.publishes_metrics");

        JsonNode quarantined = region.resource("aws_cloudwatch_metric_alarm", "quarantined");
        assertThat(quarantined.path("metric_query").get(0).path("expression").asText())
                .isEqualTo("SELECT SUM(\"${local.metrics.quarantined}\") FROM ${local.namespace}");

        assertThat(region.resource("aws_cloudwatch_metric_alarm", "table_replication_lag")
                        .path("metric_name")
                        .asText())
                .isEqualTo("${local.metrics.dynamodb_replication_lag}");
        assertThat(region.resource("aws_cloudwatch_metric_alarm", "database_replication_lag")
                        .path("metric_name")
                        .asText())
                .isEqualTo("${local.metrics.aurora_replication_lag}");

        for (JsonNode alarm : region.resources("aws_cloudwatch_metric_alarm").values())
            if (alarm.has("metric_name"))
                assertThat(alarm.path("metric_name").asText()).matches("\\$\\{local\\.metrics\\.[a-z_]+}");
    }

    @Test
    void drawsTheDashboardFromTheListOfMetrics() {
        String dashboard = region.resource("aws_cloudwatch_dashboard", "tradewind")
                .path("dashboard_body")
                .asText();
        Matcher used = Pattern.compile("local\\.metrics\\.([a-z_]+)").matcher(dashboard);
        Set<String> names = new LinkedHashSet<>();
        while (used.find()) names.add(used.group(1));
        assertThat(names)
                .as("the dashboard shows lag, records, held stages, replication and quarantine")
                .containsExactlyInAnyOrderElementsOf(metrics.keySet());
        assertThat(dashboard).contains("\"stage\", stream").contains("local.namespace");
    }

    /** Every meter name the code spells as a constant. */
    private static Set<String> meterNamesOfTheCode() {
        Set<String> names = new LinkedHashSet<>();
        for (Class<?> holder : new Class<?>[] {StageMetrics.class, ReplicationMetrics.class, Quarantine.class})
            for (Field field : holder.getFields())
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                    try {
                        String value = (String) field.get(null);
                        // Meter names, not tag names: ours are dotted, AWS's are named ..._LAG.
                        if (value.startsWith("tradewind.") || field.getName().endsWith("_LAG")) names.add(value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
        names.add(StagePipeline.RECOVERED_SENDS_METER);
        return names;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) count++;
        return count;
    }
}
