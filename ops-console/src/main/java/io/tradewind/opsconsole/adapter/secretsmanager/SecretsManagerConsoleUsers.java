package io.tradewind.opsconsole.adapter.secretsmanager;

import io.tradewind.model.topology.Secrets;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.platform.aws.AwsClientFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The console's users from the secret {@link Secrets#CONSOLE_USERS} in a region (it is replicated to each), with the
 * credentials of the SDK's default chain (the operator's, or the console task's role).
 */
public final class SecretsManagerConsoleUsers {
    private SecretsManagerConsoleUsers() {}

    /** What a refusal names as the users' source. */
    public static String describe(String region) {
        return "secret " + Secrets.CONSOLE_USERS + " in " + region;
    }

    /**
     * Reads and parses the users.
     *
     * @throws IllegalArgumentException naming the secret and region when it cannot be read or is not the users' JSON
     */
    public static ConsoleUsers read(String region) {
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .region(Region.of(region))
                .overrideConfiguration(AwsClientFactory.boundedCalls())
                .build()) {
            String json = client.getSecretValue(request -> request.secretId(Secrets.CONSOLE_USERS))
                    .secretString();
            return ConsoleUsers.parse(json, describe(region));
        } catch (SdkException e) {
            throw new IllegalArgumentException(
                    "cannot read the console users from " + describe(region) + ": " + e.getMessage());
        }
    }
}
