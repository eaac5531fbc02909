package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./tradewind sandbox --tls}: the brokers serve ssl:// beside tcp://, every service and the generator connect
 * over ssl:// trusting the certificate made at start, trades flow, and the start-up output names the ssl endpoints and
 * the truststore but no password.
 */
class SandboxTlsIT {
    private static final int PAIRS = 20;

    @TempDir
    static Path workDir;

    private static Sandbox sandbox;
    private static QueueProbe tradeStatuses; // a client of the sandbox's own, trusting the truststore

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = new Sandbox();
        new CommandLine(sandbox)
                .parseArgs(
                        "--tls",
                        "--ephemeral-ports",
                        "--work-dir",
                        workDir.toString(),
                        "--generator-pairs",
                        String.valueOf(PAIRS),
                        "--generator-rate",
                        "50");
        sandbox.start();
        tradeStatuses = QueueProbe.on(
                sandbox.localAws().region(LocalAwsConfig.PRIMARY_REGION),
                App.TRADE_MATCHING.everyStatusQueue(),
                sandbox.localAws().login(ServiceIdentity.OPERATOR));
    }

    @AfterAll
    static void stopSandbox() throws Exception {
        if (tradeStatuses != null) tradeStatuses.close();
        if (sandbox != null) sandbox.close();
    }

    @Test
    void everyClientConnectsOverSslTrustingTheCertificateMadeAtStartAndTradesFlow() throws Exception {
        BrokerTls tls = sandbox.localAws().brokerTls().orElseThrow();
        assertThat(tls.truststore()).startsWith(workDir.toAbsolutePath()).isRegularFile();
        for (var service : sandbox.services())
            assertThat(service.getEnvironment().getProperty("tradewind.mq.broker-url"))
                    .as(service.getId())
                    .startsWith("ssl://127.0.0.1:");

        sandbox.switchGenerator(true);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> Files.exists(sandbox.generatorOutcomes())
                        && Files.readAllLines(sandbox.generatorOutcomes()).size() == PAIRS);
        // Taken off the broker by the inbound gateways and answered through the outbound ones, all over ssl://.
        await().atMost(Duration.ofMinutes(2))
                .until(() -> gatewayRecords("tradewind.stage.records.in", "inbound-gateway") >= PAIRS
                        && gatewayRecords("tradewind.stage.records.out", "outbound-gateway") >= PAIRS);

        // us-east-1's routing controls are On: its gateways, the generator and the probe are connected there.
        assertThat(sandbox.localAws()
                        .region(LocalAwsConfig.PRIMARY_REGION)
                        .broker()
                        .connectionsOver("ssl"))
                .isPositive();
        for (EmulatedRegion region : sandbox.localAws().regions()) {
            assertThat(region.broker().connectionsOver("tcp"))
                    .as("clients of %s over plain tcp", region.name())
                    .isZero();
        }
    }

    /** What trade matching's gateways of {@code kind} counted, in every region. */
    private static double gatewayRecords(String meter, String kind) {
        double total = 0;
        for (var service : sandbox.services()) {
            if (!service.getId().startsWith(App.TRADE_MATCHING.id())) continue;
            for (Counter counter :
                    service.getBean(MeterRegistry.class).find(meter).counters())
                if (String.valueOf(counter.getId().getTag("stage")).endsWith(kind)) total += counter.count();
        }
        return total;
    }

    @Test
    void theStartUpOutputNamesTheSslEndpointsAndTheTruststoreButNoPassword() {
        BrokerTls tls = sandbox.localAws().brokerTls().orElseThrow();
        String banner = sandbox.describe();

        for (EmulatedRegion region : sandbox.localAws().regions())
            assertThat(banner).contains(region.sslBrokerUri().orElseThrow().toString());
        assertThat(banner)
                .contains(tls.truststore().toString())
                .contains(tls.passwordFile().toString())
                .doesNotContain(tls.password())
                .doesNotContain("password postgres");
    }
}
