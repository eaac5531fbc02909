package io.tradewind.tradematching.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradewind.platform.pipeline.StageName;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeMatchingPropertiesTest {

    private static TradeMatchingProperties stages(List<String> names) {
        return new TradeMatchingProperties(names, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void runsAllFiveStagesUnlessConfiguredOtherwise() {
        assertThat(stages(null).pipeline().selectedStages()).isEqualTo(EnumSet.allOf(StageName.class));
    }

    @Test
    void runsOnlyTheConfiguredStages() {
        assertThat(stages(List.of("matching")).pipeline().selectedStages()).containsExactly(StageName.MATCHING);
        assertThat(stages(List.of("inbound-gateway", " outbound-gateway"))
                        .pipeline()
                        .selectedStages())
                .containsExactly(StageName.INBOUND_GATEWAY, StageName.OUTBOUND_GATEWAY);
    }

    @Test
    void namesTheKnownStagesWhenOneIsMisspelt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stages(List.of("matcher")).pipeline().selectedStages())
                .withMessageContaining("'matcher'")
                .withMessageContaining("inbound-gateway, ingestion, matching, egress, outbound-gateway");
    }

    @Test
    void takesTolerancesFromConfigurationWithDefaultsForTheRest() {
        var settings = new TradeMatchingProperties(
                null, null, null, null, null, null, null, null, null, new BigDecimal("1.00"), null);
        assertThat(settings.tolerances().netAmountToleranceUpToThreshold()).isEqualByComparingTo("1.00");
        assertThat(settings.tolerances().netAmountToleranceAboveThreshold()).isEqualByComparingTo("25.00");
        assertThat(settings.tolerances().priceScale()).isEqualTo(4);
    }

    @Test
    void eachStageConsumesTheStreamNamedAfterIt() {
        assertThat(TradeMatchingProperties.streamInto(StageName.EGRESS)).isEqualTo("trade-matching-egress");
    }
}
