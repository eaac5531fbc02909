package io.tradewind.tradematching.config;

import java.util.Arrays;

/** The five stages, by the names configuration uses. */
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
                .orElseThrow(() -> new IllegalArgumentException("tradewind.trade-matching.stages names unknown stage '"
                        + configName + "'; known: inbound-gateway, ingestion, matching, egress, outbound-gateway"));
    }
}
