package io.tradewind.localaws.junit;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts both emulated regions once per test JVM, on free ports, and hands the running {@link LocalAws} to any test
 * method or constructor that declares it. The root store closes it when the JVM's tests are done.
 *
 * <p>Use with {@code @ExtendWith(LocalAwsExtension.class)}; the work directory is {@code -Dtradewind.work-dir}, by
 * default {@code target/local-aws-it}.
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        localAws(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return localAws(context);
    }

    private static LocalAws localAws(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(LocalAws.class, type -> startOnce(), LocalAws.class);
    }

    private static LocalAws startOnce() {
        Path workDir = Path.of(System.getProperty("tradewind.work-dir", "target/local-aws-it"));
        LocalAwsConfig config =
                LocalAwsConfig.ephemeral(workDir).withNodeExecutable(System.getProperty("tradewind.node", "node"));
        try {
            LocalAws localAws = LocalAws.start(config);
            System.out.println(localAws.describe());
            System.out.println("local AWS started in " + localAws.startupTime().toMillis() + " ms");
            return localAws;
        } catch (Exception e) {
            throw new IllegalStateException("local AWS did not start: " + e.getMessage(), e);
        }
    }
}
