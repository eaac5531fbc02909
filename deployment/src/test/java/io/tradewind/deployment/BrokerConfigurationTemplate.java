package io.tradewind.deployment;

import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.BrokerAccessPolicy.AccessRule;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Amazon MQ's configuration of every app's broker, written from {@link BrokerAccessPolicy} as the Terraform template
 * {@value #PATH}, which {@code aws_mq_configuration} renders with the ids of {@code var.participants}. The policy is
 * the one source: the sandbox's broker applies it in Java, and on AWS this template carries it, the services' and the
 * shared entries literally and each participant's in a loop over the ids. It sets what the sandbox's broker sets: the
 * authenticated user in {@code JMSXUserID}, the shared queues from the start, and every queue mirrored to its topic.
 *
 * <p>Only elements and attributes Amazon MQ accepts in an ActiveMQ configuration are written (see {@link
 * BrokerConfigurationTest}), and no XML comment: Amazon MQ may drop comments from what it stores, and Terraform would
 * then see a difference at every plan (mq.tf says what the file is). The template's only directives are one {@code
 * for} loop and its variable.
 */
final class BrokerConfigurationTemplate {
    /** Where the template is, under {@code terraform/}. */
    static final String PATH = "modules/region/broker-configuration.xml.tftpl";
    /** The template's variable: the participants' ids. */
    static final String PARTICIPANTS = "participants";
    /** The loop's variable: one participant's id. */
    static final String ID = "id";

    /** A participant id that stands for the loop's variable while the policy's entries are written. */
    private static final String PLACEHOLDER = "tradewind-template-participant";

    private static final String ENTRY_INDENT = "            ";

    private BrokerConfigurationTemplate() {}

    /**
     * The template's text.
     *
     * @throws IllegalStateException when the policy's entries for one participant are not one run between the same
     *     entries it has without participants: the template could not loop over them
     */
    static String text() {
        List<AccessRule> none = BrokerAccessPolicy.rules(List.of());
        List<AccessRule> one = BrokerAccessPolicy.rules(List.of(PLACEHOLDER));
        int at = 0;
        while (at < none.size() && none.get(at).equals(one.get(at))) at++;
        int perParticipant = one.size() - none.size();
        List<AccessRule> before = none.subList(0, at);
        List<AccessRule> each = one.subList(at, at + perParticipant);
        List<AccessRule> after = none.subList(at, none.size());
        if (perParticipant <= 0
                || !one.subList(at + perParticipant, one.size()).equals(after)
                || !each.stream().allMatch(BrokerConfigurationTemplate::namesPlaceholder)
                || none.stream().anyMatch(BrokerConfigurationTemplate::namesPlaceholder))
            throw new IllegalStateException("BrokerAccessPolicy.rules gives a participant's entries as " + each
                    + " between " + before.size() + " and " + after.size()
                    + " others: not one run the template can loop over");

        StringBuilder xml = new StringBuilder();
        xml.append(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <broker xmlns="http://activemq.apache.org/schema/core" populateJMSXUserID="true" useAuthenticatedPrincipalForJMSXUserID="true">
                  <destinations>
                """);
        for (String queue : BrokerAccessPolicy.sharedQueues())
            xml.append("    <queue physicalName=\"").append(escape(queue)).append("\"/>\n");
        xml.append("  </destinations>\n");
        xml.append("  <destinationInterceptors>\n");
        xml.append("    <mirroredQueue copyMessage=\"true\" postfix=\"\" prefix=\"")
                .append(escape(BrokerAccessPolicy.MIRROR_TOPIC_PREFIX))
                .append("\"/>\n");
        xml.append("  </destinationInterceptors>\n");
        xml.append(
                """
                  <plugins>
                    <authorizationPlugin>
                      <map>
                        <authorizationMap>
                          <authorizationEntries>\
                """);
        // Each directive ends the line before it, so every entry keeps its line and indent without strip markers.
        StringBuilder entries = new StringBuilder();
        for (AccessRule rule : before) entries.append('\n').append(ENTRY_INDENT).append(entry(rule));
        entries.append("%{ for ").append(ID).append(" in ").append(PARTICIPANTS).append(" }");
        for (AccessRule rule : each)
            entries.append('\n').append(ENTRY_INDENT).append(entry(rule).replace(PLACEHOLDER, "${" + ID + "}"));
        entries.append("%{ endfor }");
        for (AccessRule rule : after) entries.append('\n').append(ENTRY_INDENT).append(entry(rule));
        xml.append(entries).append('\n');
        xml.append(
                """
                          </authorizationEntries>
                        </authorizationMap>
                      </map>
                    </authorizationPlugin>
                  </plugins>
                </broker>
                """);
        return xml.toString();
    }

    private static boolean namesPlaceholder(AccessRule rule) {
        return entry(rule).contains(PLACEHOLDER);
    }

    /** One {@code authorizationEntry}; a right nobody holds is left out (ActiveMQ reads it as no group). */
    private static String entry(AccessRule rule) {
        StringBuilder entry = new StringBuilder("<authorizationEntry ")
                .append(rule.topic() ? "topic" : "queue")
                .append("=\"")
                .append(escape(rule.destination()))
                .append('"');
        appendGroups(entry, "read", rule.read());
        appendGroups(entry, "write", rule.write());
        appendGroups(entry, "admin", rule.admin());
        return entry.append("/>").toString();
    }

    private static void appendGroups(StringBuilder entry, String right, Set<String> groups) {
        if (groups.isEmpty()) return;
        entry.append(' ')
                .append(right)
                .append("=\"")
                .append(escape(String.join(",", new TreeSet<>(groups))))
                .append('"');
    }

    /**
     * XML's escapes for an attribute value ({@code >} needs none, and the wildcards read better without), refusing
     * what a Terraform template would read as a directive.
     */
    private static String escape(String value) {
        if (value.contains("${") || value.contains("%{"))
            throw new IllegalArgumentException("'" + value + "' would be read as a Terraform template directive");
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
