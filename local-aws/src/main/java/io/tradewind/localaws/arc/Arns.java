package io.tradewind.localaws.arc;

import java.util.regex.Pattern;

/**
 * Builds the deterministic ARNs the emulator uses. Real ARC ARNs end in random ids; here they end
 * in the declared names so configuration files can state them up front.
 */
public final class Arns {

    /** Account id reported as the owner of every routing control. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final String PREFIX = "arn:aws:route53-recovery-control::" + ACCOUNT_ID + ":controlpanel/";

    /** Names end up inside ARNs, so they are limited to characters the ARN pattern allows (no '/' or ':'). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Arns() {}

    /** {@code arn:aws:route53-recovery-control::000000000000:controlpanel/<panel>}. */
    public static String controlPanel(String panel) {
        return PREFIX + requireName(panel);
    }

    /** {@code arn:aws:route53-recovery-control::000000000000:controlpanel/<panel>/routingcontrol/<name>}. */
    public static String routingControl(String panel, String name) {
        return controlPanel(panel) + "/routingcontrol/" + requireName(name);
    }

    /** {@code arn:aws:route53-recovery-control::000000000000:controlpanel/<panel>/safetyrule/<name>}. */
    public static String safetyRule(String panel, String name) {
        return controlPanel(panel) + "/safetyrule/" + requireName(name);
    }

    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 characters of [A-Za-z0-9._-] but was: " + name);
        }
        return name;
    }
}
