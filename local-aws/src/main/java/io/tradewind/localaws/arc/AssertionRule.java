package io.tradewind.localaws.arc;

import java.util.List;
import java.util.Objects;

/**
 * An assertion safety rule: at most {@code maxOn} of the asserted routing controls may be ON after
 * any update (e.g. "at most one region ON per app"). Real ARC rules are overridden by ARN, so each
 * rule carries one.
 */
public record AssertionRule(String name, String arn, List<String> routingControlArns, int maxOn) {

    public AssertionRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arn, "arn");
        routingControlArns = List.copyOf(routingControlArns);
        if (routingControlArns.isEmpty()) {
            throw new IllegalArgumentException("assertion rule " + name + " asserts no routing controls");
        }
        if (maxOn < 0) {
            throw new IllegalArgumentException("maxOn must be >= 0 for rule " + name + " but was " + maxOn);
        }
    }

    /** Whether this rule asserts the given routing control. */
    public boolean covers(String routingControlArn) {
        return routingControlArns.contains(routingControlArn);
    }
}
