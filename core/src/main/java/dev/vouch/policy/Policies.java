package dev.vouch.policy;

import dev.vouch.check.TrustReport;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loading a policy ({@code baseline}, {@code strict} or a file) and applying it to a {@link TrustReport}: the verbs
 * and the server decide the same way.
 */
public final class Policies {
    private Policies() {}

    public static PolicyEngine load(String nameOrFile) throws IOException {
        Policy builtin = Policy.builtin(nameOrFile);
        if (builtin != null && !Files.exists(Path.of(nameOrFile))) {
            return PolicyEngine.compile(builtin, "built-in policy " + nameOrFile);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(Path.of(nameOrFile))) {
            bytes = BoundedReads.readAll(in, 1 << 20, nameOrFile);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(nameOrFile + ": no such file (built-in policies: baseline, strict)");
        }
        return PolicyEngine.compile(Policy.read(bytes, nameOrFile), nameOrFile);
    }

    /** The report with the policy's verdict (unless integrity already failed it) and every rule's outcome. */
    public static TrustReport apply(PolicyEngine engine, TrustReport report) {
        com.fasterxml.jackson.databind.JsonNode json = Json.compact().valueToTree(report);
        List<PolicyEngine.Outcome> outcomes = engine.evaluate(json);
        String verdict =
                report.verdict().equals("integrity failed") ? report.verdict() : PolicyEngine.verdict(outcomes);
        return report.withPolicy(
                verdict,
                outcomes.stream()
                        .map(o -> new TrustReport.RuleOutcome(
                                o.rule().id(),
                                o.rule().deny() ? "deny" : "warn",
                                o.passed(),
                                o.passed()
                                        ? null
                                        : o.rule().message() + (o.error() == null ? "" : " (" + o.error() + ")"),
                                o.passed() ? null : evidence(o.rule().expr(), json),
                                o.passed() ? null : o.rule().fix()))
                        .toList());
    }

    private static final java.util.regex.Pattern FACT = java.util.regex.Pattern.compile("report\\.(?:facts\\.)?(\\w+)");

    /** The facts a rule's expression reads ({@code report.NAME}, {@code report.facts.NAME}), as they were, shortened. */
    static String evidence(String expr, com.fasterxml.jackson.databind.JsonNode report) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = FACT.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        List<String> parts = new java.util.ArrayList<>();
        for (String n : names) {
            com.fasterxml.jackson.databind.JsonNode node =
                    report.path("facts").has(n) ? report.path("facts").path(n) : report.path(n);
            if (node.isMissingNode()) {
                continue;
            }
            String v = shortened(node, 240);
            parts.add(n + "=" + (v.length() > 240 ? v.substring(0, 239) + "…" : v));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * The start of a node's compact JSON, at least {@code max} characters of it when it has them: a list of thousands
     * of vulnerabilities is written only as far as the evidence shows it, not whole.
     */
    static String shortened(com.fasterxml.jackson.databind.JsonNode node, int max) {
        if (!node.isContainerNode()) {
            return node.toString();
        }
        boolean object = node.isObject();
        var entries = node.fields();
        var elements = node.elements();
        StringBuilder b = new StringBuilder(object ? "{" : "[");
        while (object ? entries.hasNext() : elements.hasNext()) {
            if (b.length() > max) {
                return b.toString();
            }
            if (b.length() > 1) {
                b.append(',');
            }
            if (object) {
                var f = entries.next();
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(f.getKey()))
                        .append(':')
                        .append(f.getValue());
            } else {
                b.append(elements.next());
            }
        }
        return b.append(object ? '}' : ']').toString();
    }
}
