package io.tradewind.platform.cli;

import io.tradewind.platform.config.PlatformProperties;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --truststore} and {@code --truststore-password-file}: what a command's {@code ssl://} broker URL trusts (the
 * sandbox's certificate with {@code --tls}), its password from the file or the environment's {@value
 * CommandLines#MQ_TRUSTSTORE_PASSWORD_VARIABLE}, never an argument. A mixin of every command that posts to a broker.
 */
public final class TruststoreOptions {
    @Option(
            names = "--truststore",
            description = "A PKCS12 truststore an ssl:// broker URL trusts (the sandbox's with --tls: <work-dir>/tls/"
                    + "truststore.p12); its password from the environment's "
                    + CommandLines.MQ_TRUSTSTORE_PASSWORD_VARIABLE + " or --truststore-password-file. Default: the"
                    + " JDK's trust store (Amazon MQ's)")
    Path truststore;

    @Option(
            names = "--truststore-password-file",
            description =
                    "A file holding the truststore's password (the sandbox's: <work-dir>/tls/truststore.password)")
    Path passwordFile;

    /** The truststore, or null without {@code --truststore}; one that cannot be read is a usage error. */
    public PlatformProperties.Truststore truststore(Map<String, String> environment) {
        if (truststore == null) return null;
        try {
            return new PlatformProperties.Truststore(
                    truststore,
                    SecretSource.read(
                                    "--truststore-password-file",
                                    passwordFile,
                                    CommandLines.MQ_TRUSTSTORE_PASSWORD_VARIABLE,
                                    environment)
                            .orElse(null),
                    null,
                    null);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--truststore " + truststore + ": " + e.getMessage(), e);
        }
    }
}
