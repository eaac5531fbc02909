package io.tradewind.opsconsole.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a console user may do: a VIEWER reads everything; an OPERATOR also runs actions, and reads as a viewer does. */
public enum ConsoleRole {
    VIEWER,
    OPERATOR;

    /** Whether a user with this role may do what needs {@code needed}. */
    public boolean allows(ConsoleRole needed) {
        return this == OPERATOR || needed == VIEWER;
    }

    /** The roles a user of {@code granted} holds, the implied ones included (an operator is also a viewer). */
    public static Set<ConsoleRole> effective(Set<ConsoleRole> granted) {
        Set<ConsoleRole> effective = EnumSet.noneOf(ConsoleRole.class);
        for (ConsoleRole role : granted) for (ConsoleRole each : values()) if (role.allows(each)) effective.add(each);
        return effective;
    }

    /** The role named {@code text}, case-insensitively. */
    public static ConsoleRole parse(String text) {
        if (text != null)
            for (ConsoleRole role : values()) if (role.name().equals(text.trim().toUpperCase(Locale.ROOT))) return role;
        throw new IllegalArgumentException(
                "role '" + text + "' is none of " + Arrays.toString(values()) + " (a console user's roles)");
    }
}
