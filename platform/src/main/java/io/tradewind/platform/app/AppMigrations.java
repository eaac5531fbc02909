package io.tradewind.platform.app;

/**
 * The PostgreSQL tables every app has and the platform owns (sent-log, applied inputs, quarantine), as Flyway
 * migrations V2 to V5 in this location. An app's Flyway reads them beside its own migrations (V1, V6 and later), in
 * the app's schema.
 */
public final class AppMigrations {
    /** The Flyway location of the platform-owned migrations. */
    public static final String LOCATION = "classpath:io/tradewind/platform/app/migration";

    private AppMigrations() {}
}
