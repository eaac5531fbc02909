package io.tradewind.opsconsole.api;

import java.util.List;

/** The apps and regions the console knows, from its topology: what the API accepts in a request. */
public record ConsoleScope(List<String> apps, List<String> regions) {
    public ConsoleScope {
        apps = List.copyOf(apps);
        regions = List.copyOf(regions);
    }

    String requireApp(String field, String app) {
        if (app == null || app.isBlank()) throw new InvalidFieldException(field, field + " is missing");
        if (!apps.contains(app))
            throw new InvalidFieldException(field, field + " '" + app + "' is not an app; known: " + apps);
        return app;
    }

    String requireRegion(String field, String region) {
        if (region == null || region.isBlank()) throw new InvalidFieldException(field, field + " is missing");
        if (!regions.contains(region))
            throw new InvalidFieldException(field, field + " '" + region + "' is not a region; known: " + regions);
        return region;
    }
}
