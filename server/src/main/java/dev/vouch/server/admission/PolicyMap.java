package dev.vouch.server.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The admission rules of {@code vouch serve --admission-config FILE}: an ordered list of {@link PolicyRule}s, then
 * the server's defaults. The file is YAML:
 *
 * <pre>
 * rules:
 *   - namespaces: [kube-system]
 *     policy: allow
 *   - namespaces: ["prod-*"]
 *     images: ["registry.example.com/*"]
 *     policy: strict
 *     mode: enforce        # or warn
 *     podChecks: deny      # or warn, off
 *     trust: dct           # dct: the tag signed with Docker Content Trust; notation: a Notation signature (default: none)
 * </pre>
 */
public final class PolicyMap {
    private static final Set<String> RULE_KEYS = Set.of("namespaces", "images", "policy", "mode", "podChecks", "trust");

    private final List<PolicyRule> rules;
    private final PolicyRule fallback;

    public PolicyMap(List<PolicyRule> rules, PolicyRule fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    public List<PolicyRule> rules() {
        return rules;
    }

    /** The rule for an image in a namespace: the first that matches, else the defaults. */
    public PolicyRule match(String namespace, String image) {
        for (PolicyRule r : rules) {
            if (r.matches(namespace, image)) {
                return r;
            }
        }
        return fallback;
    }

    /** Reads the rules file; a rule leaves out what the defaults give. */
    public static PolicyMap read(byte[] yaml, String name, PolicyRule defaults) {
        JsonNode doc = Yaml.tree(yaml, name);
        List<PolicyRule> rules = new ArrayList<>();
        if (!doc.isObject() || (doc.size() > 0 && !doc.has("rules")) || doc.size() > 1) {
            throw new InvalidInputException(name + ": expected one key, rules");
        }
        JsonNode list = doc.path("rules");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new InvalidInputException(name + ": rules: expected a list");
        }
        int i = 0;
        for (JsonNode r : list) {
            String where = name + ": rules[" + i++ + "]";
            if (!r.isObject()) {
                throw new InvalidInputException(where + ": expected a mapping");
            }
            r.fieldNames().forEachRemaining(k -> {
                if (!RULE_KEYS.contains(k)) {
                    throw new InvalidInputException(where + ": unknown key " + k + " (known: " + RULE_KEYS + ")");
                }
            });
            rules.add(new PolicyRule(
                    strings(r.path("namespaces"), where + ".namespaces"),
                    strings(r.path("images"), where + ".images"),
                    r.has("policy") ? text(r.path("policy"), where + ".policy") : defaults.policy(),
                    r.has("mode")
                            ? parse(AdmissionMode.class, text(r.path("mode"), where + ".mode"), where + ".mode")
                            : defaults.mode(),
                    r.has("podChecks")
                            ? parse(PodCheckMode.class, podChecks(r.path("podChecks"), where + ".podChecks"), where)
                            : defaults.podChecks(),
                    r.has("trust") ? trust(text(r.path("trust"), where + ".trust"), where) : defaults.trust()));
        }
        return new PolicyMap(rules, defaults);
    }

    /** YAML 1.1 reads an unquoted {@code off} as false: it means off here, as the documentation writes it. */
    private static String podChecks(JsonNode n, String where) {
        return n.isBoolean() && !n.asBoolean() ? "off" : text(n, where);
    }

    private static PolicyRule.Trust trust(String value, String where) {
        return switch (value) {
            case "dct" -> PolicyRule.Trust.DCT;
            case "notation" -> PolicyRule.Trust.NOTATION;
            case "none" -> PolicyRule.Trust.NONE;
            default ->
                throw new InvalidInputException(where + ".trust: " + value + " is not one of [dct, notation, none]");
        };
    }

    private static List<String> strings(JsonNode n, String where) {
        if (n.isMissingNode()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new InvalidInputException(where + ": expected a list of patterns");
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(text(e, where)));
        return out;
    }

    private static String text(JsonNode n, String where) {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new InvalidInputException(where + ": expected a string");
        }
        return n.asText();
    }

    /** One of an enum's constants by its name in any case; {@code where} names the setting in the error. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String where) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": " + value + " is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
