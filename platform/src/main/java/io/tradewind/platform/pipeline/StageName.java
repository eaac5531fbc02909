package io.tradewind.platform.pipeline;

import java.util.Arrays;

/** The five stages every app runs, by the names configuration uses ({@code tradewind.<app>.stages}). */
public enum StageName {
    INBOUND_GATEWAY("inbound-gateway"),
    INGESTION("ingestion"),
    MATCHING("matching"),
    EGRESS("egress"),
    OUTBOUND_GATEWAY("outbound-gateway");

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
                .orElseThrow(() -> new IllegalArgumentException("stages names unknown stage '" + configName
                        + "'; known: inbound-gateway, ingestion, matching, egress, outbound-gateway"));
    }
}
