package io.tradewind.sandbox;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.opsconsole.participant.Onboarding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The participants the sandbox starts with, onboarded as an operator onboards any: brokers BRK001..BRK005 and
 * investment managers IM001..IM010 (the trade generator's counterparties), the pair BRK042 and IM042 (the load test's
 * IM042, and the senders of {@code docs/examples/}, whose status queues nothing in the sandbox reads or fills, so that
 * {@code post} finds its answers there alone), and the settlement desk DESK001.
 */
public final class DemoParticipants {
    private DemoParticipants() {}

    /** Each demo participant's id and roles, in the order they are printed. */
    public static Map<String, Set<Role>> all() {
        Map<String, Set<Role>> participants = new LinkedHashMap<>();
        numbered("BRK", 5).forEach(id -> participants.put(id, Set.of(Role.BROKER)));
        participants.put("BRK042", Set.of(Role.BROKER));
        numbered("IM", 10).forEach(id -> participants.put(id, Set.of(Role.INVESTMENT_MANAGER)));
        participants.put("IM042", Set.of(Role.INVESTMENT_MANAGER));
        participants.put("DESK001", Set.of(Role.SETTLEMENT_DESK));
        return participants;
    }

    /**
     * Onboards {@code participants} (id to roles); one the registry holds already gets a new secret instead, so a
     * sandbox started on an old registry still knows every secret.
     */
    public static List<Onboarding.Onboarded> onboard(Onboarding onboarding, Map<String, Set<Role>> participants) {
        Set<String> registered =
                onboarding.list().stream().map(p -> p.id().value()).collect(Collectors.toSet());
        List<Onboarding.Onboarded> onboarded = new ArrayList<>();
        participants.forEach((id, roles) ->
                onboarded.add(registered.contains(id) ? onboarding.resetSecret(id) : onboarding.add(id, roles)));
        return onboarded;
    }

    /** Each participant's password by user, for the credentials file. */
    public static Map<String, String> passwords(List<Onboarding.Onboarded> onboarded) {
        Map<String, String> passwords = new LinkedHashMap<>();
        onboarded.forEach(
                o -> passwords.put(o.credentials().user(), o.credentials().password()));
        return passwords;
    }

    /** A table of the participants' ids, roles and secrets, as the sandbox prints it at start. */
    public static String table(List<Onboarding.Onboarded> onboarded) {
        StringBuilder text =
                new StringBuilder(String.format(Locale.ROOT, "    %-10s %-20s %s%n", "ID", "ROLES", "PASSWORD"));
        for (Onboarding.Onboarded each : onboarded)
            text.append(String.format(
                    Locale.ROOT,
                    "    %-10s %-20s %s%n",
                    each.participant().id(),
                    roles(each.participant()),
                    each.credentials().password()));
        return text.toString();
    }

    private static String roles(Participant participant) {
        return EnumSet.copyOf(participant.roles()).stream().map(Role::name).collect(Collectors.joining(","));
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format(Locale.ROOT, "%s%03d", prefix, i))
                .toList();
    }
}
