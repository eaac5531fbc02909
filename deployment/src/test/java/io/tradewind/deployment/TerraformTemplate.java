package io.tradewind.deployment;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a Terraform template ({@code templatefile}) as Terraform does, for the little of the template language our
 * templates use: {@code %{ for x in list }...%{ endfor }} loops (not nested, without strip markers) over a list of
 * strings, and {@code ${x}} of the loop's variable inside them. Anything else that Terraform would read as a directive
 * or an interpolation fails, so a template that outgrows this subset cannot be rendered differently here than there.
 */
final class TerraformTemplate {
    private static final Pattern LOOP = Pattern.compile(
            "%\\{ for ([A-Za-z_][A-Za-z0-9_]*) in ([A-Za-z_][A-Za-z0-9_]*) }(.*?)%\\{ endfor }", Pattern.DOTALL);

    private TerraformTemplate() {}

    /** {@code template} with each loop repeated over its list of {@code lists}, in the list's order. */
    static String render(String template, Map<String, List<String>> lists) {
        StringBuilder rendered = new StringBuilder();
        Matcher loop = LOOP.matcher(template);
        int from = 0;
        while (loop.find()) {
            rendered.append(literal(template.substring(from, loop.start())));
            String variable = loop.group(1);
            List<String> items = lists.get(loop.group(2));
            if (items == null)
                throw new IllegalArgumentException("the template loops over " + loop.group(2) + ", which is not given");
            String body = loop.group(3);
            for (String item : items) rendered.append(literal(body.replace("${" + variable + "}", item)));
            from = loop.end();
        }
        rendered.append(literal(template.substring(from)));
        return rendered.toString();
    }

    /** Text outside what this renders: it must hold no directive or interpolation (nor their escapes). */
    private static String literal(String text) {
        for (String sequence : List.of("${", "%{"))
            if (text.contains(sequence))
                throw new IllegalArgumentException("the template has a " + sequence
                        + "...} this renderer does not read, at '"
                        + text.substring(text.indexOf(sequence), Math.min(text.length(), text.indexOf(sequence) + 40))
                        + "'");
        return text;
    }
}
