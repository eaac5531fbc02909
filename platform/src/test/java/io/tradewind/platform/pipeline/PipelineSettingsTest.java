package io.tradewind.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Stages;
import io.tradewind.model.topology.TaskEnvironment;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The settings every app shares, as the app template binds them from {@code tradewind.<app>.*}. */
class PipelineSettingsTest {

    private static PipelineSettings stages(List<String> names) {
        return new PipelineSettings(names, null, null, null, null, null, null, null);
    }

    private static PipelineSettings bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("tradewind.trade-matching", PipelineSettings.class)
                .orElseGet(PipelineSettings::defaults);
    }

    @Test
    void runsAllFiveStagesUnlessConfiguredOtherwise() {
        assertThat(stages(null).selectedStages()).isEqualTo(EnumSet.allOf(StageName.class));
        assertThat(bound(Map.of()).selectedStages()).isEqualTo(EnumSet.allOf(StageName.class));
    }

    @Test
    void runsOnlyTheConfiguredStages() {
        assertThat(stages(List.of("matching")).selectedStages()).containsExactly(StageName.MATCHING);
        assertThat(stages(List.of("inbound-gateway", " outbound-gateway")).selectedStages())
                .containsExactly(StageName.INBOUND_GATEWAY, StageName.OUTBOUND_GATEWAY);
    }

    @Test
    void namesTheKnownStagesWhenOneIsMisspelt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stages(List.of("matcher")).selectedStages())
                .withMessageContaining("'matcher'")
                .withMessageContaining("inbound-gateway, ingestion, matching, egress, outbound-gateway");
    }

    @Test
    void bindsFromTheAppsPrefixBesideTheAppsOwnSettings() {
        PipelineSettings settings = bound(Map.of(
                "tradewind.trade-matching.stages", "ingestion,matching",
                "tradewind.trade-matching.checkpoint-interval", "250ms",
                "tradewind.trade-matching.cancel-grace", "2s"));

        assertThat(settings.selectedStages()).containsExactly(StageName.INGESTION, StageName.MATCHING);
        assertThat(settings.checkpointIntervalOrDefault()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void eachStageConsumesTheStreamNamedAfterIt() {
        assertThat(StagePipeline.streamInto("trade-matching", StageName.EGRESS)).isEqualTo("trade-matching-egress");
    }

    @Test
    void runsTheOneStageItsEcsTaskNamesInTheEnvironment() {
        for (App app : App.values()) {
            Binder environment = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    Map.<String, Object>of(TaskEnvironment.stages(app), Stages.EGRESS))));

            PipelineSettings settings = environment
                    .bind("tradewind." + app.id(), PipelineSettings.class)
                    .orElseGet(PipelineSettings::defaults);

            assertThat(settings.selectedStages()).as(app.id()).containsExactly(StageName.EGRESS);
        }
    }
}
