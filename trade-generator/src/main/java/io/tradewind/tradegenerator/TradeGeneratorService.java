package io.tradewind.tradegenerator;

import java.util.Map;
import org.springframework.boot.SpringApplication;

/**
 * The generator as a long-running service, the entry point of its image (an ECS service whose desired count is 0
 * until someone switches it on): posts while the global {@code generator} routing control is On, with its settings
 * from the environment ({@code TRADEWIND_TRADEGENERATOR_*}). {@link TradeGeneratorApplication#main} stays the command
 * line.
 */
public final class TradeGeneratorService {
    private TradeGeneratorService() {}

    /** What a service differs in from the composed application: it posts (the sandbox says so itself). */
    static final Map<String, Object> DEFAULTS = Map.of(
            "tradewind.trade-generator.enabled", "true",
            // The image runs as a user that may write only to /tmp; the outcomes are a record of the run, not state.
            "tradewind.trade-generator.outcomes-file", "/tmp/generator-outcomes.jsonl");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TradeGeneratorApplication.class);
        application.setDefaultProperties(DEFAULTS);
        application.run(args);
    }
}
