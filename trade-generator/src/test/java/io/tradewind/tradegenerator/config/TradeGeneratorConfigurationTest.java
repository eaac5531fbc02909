package io.tradewind.tradegenerator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.tradegenerator.domain.Counterparties;
import io.tradewind.tradegenerator.posting.TradeGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TradeGeneratorConfigurationTest {
    @TempDir
    Path dir;

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(TradeGeneratorConfiguration.class);

    @Test
    void buildsNoGeneratorUnlessEnabled() {
        context.withPropertyValues("tradewind.mq.broker-url=tcp://127.0.0.1:9")
                .run(app -> assertThat(app).doesNotHaveBean(TradeGenerator.class));
    }

    /** A credentials file with a password for each default counterparty. */
    private Path credentials() throws Exception {
        String lines = Counterparties.defaults().senders().stream()
                .map(sender -> sender + "=pw-" + sender + "\n")
                .collect(java.util.stream.Collectors.joining());
        return Files.writeString(dir.resolve("credentials.properties"), lines);
    }

    @Test
    void startsAnEnabledGeneratorBehindTheGateBeanAndClosesItWithTheContext() throws Exception {
        TradeGenerator[] built = new TradeGenerator[1];
        context.withPropertyValues(
                        "tradewind.trade-generator.credentials-file=" + credentials(),
                        "tradewind.trade-generator.enabled=true",
                        "tradewind.trade-generator.rate=50",
                        "tradewind.trade-generator.outcomes-file=" + dir.resolve("outcomes.jsonl"),
                        "tradewind.mq.broker-url=tcp://127.0.0.1:9")
                .withBean("generatorGate", BooleanSupplier.class, () -> () -> false)
                .run(app -> {
                    TradeGenerator generator = app.getBean(TradeGenerator.class);
                    built[0] = generator;
                    assertThat(generator.isSwitchedOn()).isTrue();
                    assertThat(generator.messagesPerSecond()).isEqualTo(50.0);
                    await().during(Duration.ofMillis(200))
                            .atMost(Duration.ofSeconds(5))
                            .until(() -> !generator.isPosting() && generator.messagesPosted() == 0);
                    assertThat(generator.isPosting()).as("the gate is closed").isFalse();
                    assertThat(generator.messagesPosted()).isZero();
                });

        assertThat(built[0].isFinished()).isTrue();
        assertThat(dir.resolve("outcomes.jsonl")).exists();
    }

    @Test
    void failsToStartWhenASenderHasNoPassword() {
        context.withPropertyValues(
                        "tradewind.trade-generator.enabled=true",
                        "tradewind.trade-generator.credentials-file=" + dir.resolve("none.properties"),
                        "tradewind.mq.broker-url=tcp://127.0.0.1:9")
                .withBean("generatorGate", BooleanSupplier.class, () -> () -> false)
                .run(app -> assertThat(app)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("no broker password for [BRK001, BRK002"));
    }

    @Test
    void readsItsSettingsWithDefaults() {
        context.withPropertyValues("tradewind.trade-generator.seed=9").run(app -> {
            TradeGeneratorProperties properties = app.getBean(TradeGeneratorProperties.class);
            assertThat(properties.enabled()).isFalse();
            assertThat(properties.rate()).isEqualTo(20.0);
            assertThat(properties.seed()).isEqualTo(9);
            assertThat(properties.runId()).isNull();
            assertThat(properties.pairs()).isNull();
            assertThat(properties.outcomesFile()).isEqualTo(Path.of("target/generator-outcomes.jsonl"));
            assertThat(properties.brokerUrl()).isNull();
            assertThat(properties.credentialsFile()).isEqualTo(Path.of("target/sandbox/credentials.properties"));
        });
    }
}
