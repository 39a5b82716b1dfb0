package dev.vouch.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A policy file: {@code name}, {@code params} (a map the rules read as {@code params.NAME}) and {@code rules}, each
 * {@code id}, {@code severity} ({@code deny} or {@code warn}), {@code message}, {@code expr} and, optionally,
 * {@code fix} (what to do when the rule fails), a <a
 * href="https://github.com/google/cel-spec">CEL</a> expression over the report's JSON ({@code report}). Unknown keys
 * are errors, so a misspelt rule never silently passes.
 */
public record Policy(String name, Map<String, Object> params, List<PolicyRule> rules) {
    private static final Set<String> TOP = Set.of("name", "params", "rules");
    private static final Set<String> RULE = Set.of("id", "severity", "message", "expr", "fix");
    private static final int MAX_RULES = 500;
    private static final int MAX_EXPR = 8192;

    public Policy {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        rules = List.copyOf(rules);
    }

    /** A built-in profile ({@code baseline}, {@code strict}), or null for another name. */
    public static Policy builtin(String name) throws IOException {
        try (InputStream in = Policy.class.getResourceAsStream("/policies/" + name + ".yaml")) {
            return in == null ? null : read(in.readAllBytes(), "built-in policy " + name);
        }
    }

    /** Reads a policy document; {@code where} names it in errors. */
    public static Policy read(byte[] yaml, String where) {
        JsonNode root = Yaml.tree(yaml, where);
        if (!root.isObject()) {
            throw new InvalidInputException(where + ": a policy is a map with name, params and rules");
        }
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP.contains(k)) {
                throw new InvalidInputException(where + ": unknown key '" + k + "' (known: " + TOP + ")");
            }
        });
        Map<String, Object> params = new LinkedHashMap<>();
        root.path("params").properties().forEach(e -> params.put(e.getKey(), CelValues.of(e.getValue())));
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode r : root.path("rules")) {
            String at = where + ": rules[" + i++ + "]";
            if (rules.size() >= MAX_RULES) {
                throw new InvalidInputException(where + ": more than " + MAX_RULES + " rules");
            }
            r.fieldNames().forEachRemaining(k -> {
                if (!RULE.contains(k)) {
                    throw new InvalidInputException(at + ": unknown key '" + k + "' (known: " + RULE + ")");
                }
            });
            String id = r.path("id").asText(null);
            String expr = r.path("expr").asText(null);
            String severity = r.path("severity").asText("deny");
            if (id == null || id.isBlank() || expr == null || expr.isBlank()) {
                throw new InvalidInputException(at + ": needs an id and an expr");
            }
            if (!ids.add(id)) {
                throw new InvalidInputException(at + ": rule id '" + id + "' is used twice");
            }
            if (!severity.equals("deny") && !severity.equals("warn")) {
                throw new InvalidInputException(at + " (" + id + "): severity must be deny or warn, not " + severity);
            }
            if (expr.length() > MAX_EXPR) {
                throw new InvalidInputException(at + " (" + id + "): expr is over " + MAX_EXPR + " characters");
            }
            rules.add(new PolicyRule(
                    id,
                    severity.equals("deny"),
                    r.path("message").asText(id),
                    expr,
                    r.path("fix").isTextual() ? r.path("fix").asText() : null));
        }
        if (rules.isEmpty()) {
            throw new InvalidInputException(where + ": no rules");
        }
        return new Policy(root.path("name").asText(where), params, rules);
    }
}
