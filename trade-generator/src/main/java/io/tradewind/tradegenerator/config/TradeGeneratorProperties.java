package io.tradewind.tradegenerator.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The generator's settings under {@code tradewind.trade-generator}; absent values take the command line's defaults.
 *
 * @param enabled build and start a generator at all (default false, so composing the app posts nothing by itself)
 * @param rate trade messages per second (default 20)
 * @param seed the seed of the pairs (default 42)
 * @param runId prefix of tradeRefs and messageIds (default {@code G<seed>})
 * @param pairs stop after this many pairs (default: never)
 * @param outcomesFile where expected outcomes are appended (default {@code target/generator-outcomes.jsonl})
 * @param brokerUrl the broker to post to (default: {@code tradewind.mq.broker-url}, this region's broker)
 * @param regionBrokers each region's broker: when set, the generator posts to the region whose trade-matching inbound
 *     routing control is On and follows a rotation (instead of {@code brokerUrl})
 * @param credentialsFile the senders' broker passwords, {@code user=password} lines (default: the sandbox's, {@code
 *     target/sandbox/credentials.properties}); a sender it lacks is looked for in the environment ({@code
 *     TRADEWIND_PASSWORD_<ID>})
 */
@ConfigurationProperties(prefix = "tradewind.trade-generator")
public record TradeGeneratorProperties(
        boolean enabled,
        Double rate,
        Long seed,
        String runId,
        Long pairs,
        Path outcomesFile,
        URI brokerUrl,
        Map<String, URI> regionBrokers,
        Path credentialsFile) {

    /** Where the sandbox writes its participants' secrets, relative to where it runs. */
    public static final Path SANDBOX_CREDENTIALS = Path.of("target", "sandbox", "credentials.properties");

    public TradeGeneratorProperties {
        if (rate == null) rate = 20.0;
        regionBrokers = regionBrokers == null ? Map.of() : Map.copyOf(regionBrokers);
        if (seed == null) seed = 42L;
        if (outcomesFile == null) outcomesFile = Path.of("target", "generator-outcomes.jsonl");
        if (credentialsFile == null) credentialsFile = SANDBOX_CREDENTIALS;
        if (!(rate > 0)) throw new IllegalArgumentException("tradewind.trade-generator.rate must be above 0: " + rate);
        if (pairs != null && pairs < 1) {
            throw new IllegalArgumentException("tradewind.trade-generator.pairs must be at least 1: " + pairs);
        }
    }
}
