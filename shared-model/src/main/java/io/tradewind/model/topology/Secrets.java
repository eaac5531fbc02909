package io.tradewind.model.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The Secrets Manager secrets the services read on AWS, replicated to every region: the logins ({@link #all()}), each a
 * JSON object with the keys {@value #USERNAME} and {@value #PASSWORD} (as Aurora's master secrets and the broker users
 * have them), which Terraform generates; and the console's users ({@link #CONSOLE_USERS}), which the platform team
 * sets.
 */
public final class Secrets {
    /** What every secret's name starts with. */
    public static final String PREFIX = "tradewind/";
    /** The key of a login's user name. */
    public static final String USERNAME = "username";
    /** The key of a login's password. */
    public static final String PASSWORD = "password";
    /**
     * The login the matching apps' actuators ask for beyond their health probes, and the ops console's runbook gives
     * them ({@code tradewind.http.username} and {@code TRADEWIND_HTTP_PASSWORD}).
     */
    public static final String ACTUATOR_LOGIN = PREFIX + "actuator";
    /**
     * The ops console's users: a JSON list of {@code {"name", "roles", "passwordHash"}} (BCrypt), which the console
     * service imports as {@code tradewind.console.users} (a JSON list is imported whole, under its name's last
     * segment) and its command line reads. Terraform creates it with an empty list and never holds its value.
     */
    public static final String CONSOLE_USERS = PREFIX + "ops-console/users";

    private Secrets() {}

    /** The broker login of {@code deployable}'s services, e.g. {@code tradewind/trade-matching/mq}. */
    public static String mq(Deployable deployable) {
        String user = deployable
                .brokerUser()
                .orElseThrow(() -> new IllegalArgumentException(
                        "deployable " + deployable.id() + " has no broker user of its own"));
        return PREFIX + user + "/mq";
    }

    /** The database login of {@code app}'s Aurora global database, e.g. {@code tradewind/trade-matching/database}. */
    public static String database(App app) {
        return PREFIX + app.id() + "/database";
    }

    /** Every login secret (Terraform generates their passwords), broker logins first. */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        for (Deployable deployable : Deployable.values())
            if (deployable.brokerUser().isPresent()) all.add(mq(deployable));
        for (App app : App.values()) all.add(database(app));
        all.add(ACTUATOR_LOGIN);
        return List.copyOf(all);
    }

    /** The secrets whose value the platform team sets, not Terraform: the console's users. */
    public static List<String> setByThePlatformTeam() {
        return List.of(CONSOLE_USERS);
    }
}
