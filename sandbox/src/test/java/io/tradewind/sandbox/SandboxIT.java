package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.EmulatedRegion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's run command: both regions start, every service of every app runs in each, and all stop cleanly. */
class SandboxIT {

    @Test
    void startsBothRegionsAndEveryServiceAndPrintsTheEndpoints(@TempDir Path workDir) throws Exception {
        Sandbox sandbox = new Sandbox();
        new CommandLine(sandbox).parseArgs("--ephemeral-ports", "--work-dir", workDir.toString());
        try (sandbox) {
            sandbox.start();
            List<EmulatedRegion> regions = sandbox.localAws().regions();
            assertThat(regions).extracting(EmulatedRegion::name).containsExactly("us-east-1", "us-west-2");
            assertThat(sandbox.services())
                    .hasSize(2 * Sandbox.APPS.size())
                    .allSatisfy(service -> assertThat(service.isRunning()).isTrue());
            String banner = sandbox.describe();
            for (EmulatedRegion region : regions)
                assertThat(banner)
                        .contains(region.brokerUri().toString())
                        .contains(region.kinesisEndpoint().toString())
                        .contains(region.dynamoDbEndpoint().toString())
                        .contains(region.postgresJdbcUrl());
            assertThat(banner)
                    .contains(sandbox.localAws().arc().endpoints().get(0).toString());
            assertThat(sandbox.services())
                    .extracting(s -> s.getEnvironment().getProperty("tradewind.region"))
                    .containsOnly("us-east-1", "us-west-2");
        }
        assertThat(sandbox.services()).isEmpty();
    }
}
