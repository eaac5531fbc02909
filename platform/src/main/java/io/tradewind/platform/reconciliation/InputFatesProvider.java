package io.tradewind.platform.reconciliation;

import io.tradewind.platform.sql.ConnectionSource;
import java.util.List;
import java.util.ServiceLoader;

/**
 * How reconciliation finds an app's {@link InputFates} at run time without compiling against the app: each app
 * registers one provider in {@code META-INF/services/io.tradewind.platform.reconciliation.InputFatesProvider}, and
 * {@link #of(String)} picks it by the app's name.
 */
public interface InputFatesProvider {
    /** The app whose inputs this provider answers for, e.g. {@code trade-matching}. */
    String app();

    /** The app's fates read over connections to a region's PostgreSQL, where the app's schema lives. */
    InputFates over(ConnectionSource postgres);

    /** The provider registered for {@code app}; refused with the apps found when none is on the class path. */
    static InputFatesProvider of(String app) {
        List<InputFatesProvider> providers =
                ServiceLoader.load(InputFatesProvider.class, InputFatesProvider.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList();
        return providers.stream()
                .filter(provider -> provider.app().equals(app))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input fates for app '" + app
                        + "' on the class path; found: "
                        + providers.stream()
                                .map(InputFatesProvider::app)
                                .sorted()
                                .toList()));
    }
}
