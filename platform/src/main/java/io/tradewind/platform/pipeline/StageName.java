package io.tradewind.platform.pipeline;

import io.tradewind.model.topology.Stages;
import java.util.Arrays;

/** The five stages every app runs, by the names configuration uses ({@code tradewind.<app>.stages}). */
public enum StageName {
    INBOUND_GATEWAY(Stages.INBOUND_GATEWAY),
    INGESTION(Stages.INGESTION),
    MATCHING(Stages.MATCHING),
    EGRESS(Stages.EGRESS),
    OUTBOUND_GATEWAY(Stages.OUTBOUND_GATEWAY);

    private final String configName;

    StageName(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static StageName of(String configName) {
        return Arrays.stream(values())
                .filter(stage -> stage.configName.equals(configName.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "stages names unknown stage '" + configName + "'; known: " + String.join(", ", Stages.ALL)));
    }
}
