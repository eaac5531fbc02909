package io.tradewind.opsconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.opsconsole.adapter.dynamodb.DynamoDbRotationLease;
import io.tradewind.opsconsole.cli.ConsoleAgainstEmulators.Result;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The runbook's commands against the emulators, with no apps running: a rotation refused while another execution holds
 * the lease (nothing is changed), and the audit's commands on an id it does not hold.
 */
@ExtendWith(LocalAwsExtension.class)
class RunbookCommandsIT {
    @TempDir
    Path dir;

    private List<String> withTopology(LocalAws aws, String... args) throws Exception {
        Path topology = dir.resolve("topology.json");
        new ObjectMapper().writeValue(topology.toFile(), ConsoleAgainstEmulators.topologyOf(aws));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--topology",
                topology.toString(),
                "--credentials-file",
                aws.credentials().file().toString()));
        return all;
    }

    /** The options plus the sign-in of the ITs' operator: a command that changes something needs it. */
    private List<String> signedIn(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(ConsoleAgainstEmulators.operatorLogin(dir.resolve("login")));
        return all;
    }

    @Test
    void aRotationWhileAnotherExecutionHoldsTheLeaseSaysWhoAndExitsOne(LocalAws aws) throws Exception {
        Map<String, DynamoDbClient> dynamoDbs = new LinkedHashMap<>();
        for (EmulatedRegion region : aws.regions())
            dynamoDbs.put(
                    region.name(),
                    new AwsClientFactory(AwsSettings.local(
                                    region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                            .dynamoDb());
        RotationLease lease = new DynamoDbRotationLease(dynamoDbs, Clock.systemUTC());
        RotationLease.Lease held = lease.acquire("execution-elsewhere", "sre-first", Duration.ofMinutes(2));
        try {
            Result refused = ConsoleAgainstEmulators.run(
                    signedIn(withTopology(aws, "rotate", "--from", "us-east-1", "--to", "us-west-2")));

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err())
                    .contains("another rotation is running")
                    .contains("execution-elsewhere")
                    .contains("sre-first");
            assertThat(refused.out()).doesNotContain("PRE_FLIGHT");
        } finally {
            lease.release(held);
            dynamoDbs.values().forEach(DynamoDbClient::close);
        }
    }

    @Test
    void theAuditsCommandsRefuseAnIdTheAuditDoesNotHold(LocalAws aws) throws Exception {
        Result shown = ConsoleAgainstEmulators.run(withTopology(aws, "execution", "no-such-execution"));
        Result resumed = ConsoleAgainstEmulators.run(signedIn(withTopology(aws, "resume", "no-such-execution")));
        Result listed = ConsoleAgainstEmulators.run(withTopology(aws, "executions"));

        assertThat(shown.exit()).isEqualTo(1);
        assertThat(shown.err()).contains("no execution no-such-execution");
        assertThat(resumed.exit()).isEqualTo(2);
        assertThat(resumed.err()).contains("no execution no-such-execution in the audit");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains("EXECUTION").contains("OUTCOME");
    }
}
