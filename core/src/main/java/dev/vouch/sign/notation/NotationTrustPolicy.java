package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Notation trust policy document ({@code trustpolicy.json}, version 1.0, as Notation reads it: <a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/trust-store-trust-policy.md">trust store and
 * trust policy</a>): statements, each with a name, registry scopes ({@code *} or {@code registry/repository}), a
 * verification level ({@code strict}, {@code permissive}, {@code audit}, {@code skip}), the trust stores it trusts and
 * the identities it accepts ({@code *} or {@code x509.subject: DN}). The document is validated as Notation validates
 * it; the statement for an artifact is the one naming its repository, else the wildcard one.
 */
public record NotationTrustPolicy(List<Statement> statements) {
    /** The verification levels, from strictest. */
    public enum Level {
        STRICT,
        PERMISSIVE,
        AUDIT,
        SKIP
    }

    /**
     * One statement of the document.
     *
     * @param actions what is done when a check fails, per validation type ({@code authenticity},
     *     {@code authenticTimestamp}, {@code expiry}, {@code revocation}): {@code enforce}, {@code log} or
     *     {@code skip}, from the level and its overrides
     */
    public record Statement(
            String name,
            List<String> registryScopes,
            Level level,
            List<String> trustStores,
            List<String> trustedIdentities,
            java.util.Map<String, String> actions) {
        public Statement {
            actions = java.util.Map.copyOf(actions);
        }

        /** A statement whose actions are its level's own. */
        public Statement(
                String name,
                List<String> registryScopes,
                Level level,
                List<String> trustStores,
                List<String> trustedIdentities) {
            this(name, registryScopes, level, trustStores, trustedIdentities, levelActions(level));
        }

        /** The action for a validation type. */
        public String action(String type) {
            return actions.getOrDefault(type, "enforce");
        }
    }

    static final List<String> OVERRIDABLE = List.of("authenticity", "authenticTimestamp", "expiry", "revocation");

    /** Each validation type's action at a level, as Notation defines the levels. */
    static java.util.Map<String, String> levelActions(Level level) {
        return switch (level) {
            case STRICT ->
                java.util.Map.of(
                        "authenticity",
                        "enforce",
                        "authenticTimestamp",
                        "enforce",
                        "expiry",
                        "enforce",
                        "revocation",
                        "enforce");
            case PERMISSIVE ->
                java.util.Map.of(
                        "authenticity", "enforce", "authenticTimestamp", "log", "expiry", "log", "revocation", "log");
            case AUDIT ->
                java.util.Map.of(
                        "authenticity", "log", "authenticTimestamp", "log", "expiry", "log", "revocation", "log");
            case SKIP ->
                java.util.Map.of(
                        "authenticity", "skip", "authenticTimestamp", "skip", "expiry", "skip", "revocation", "skip");
        };
    }

    public static NotationTrustPolicy read(byte[] bytes, String file) {
        JsonNode doc = Json.tree(bytes, file);
        String version = doc.path("version").asText("");
        if (version.isEmpty()) {
            throw bad(file, "the document has no version");
        }
        if (!version.equals("1.0")) {
            throw bad(file, "version " + version + " is not supported (1.0 is)");
        }
        JsonNode list = doc.path("trustPolicies");
        if (!list.isArray() || list.isEmpty()) {
            throw bad(file, "the document has no trust policy statements");
        }
        List<Statement> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> scopes = new HashSet<>();
        for (JsonNode s : list) {
            String name = s.path("name").asText("");
            if (name.isBlank()) {
                throw bad(file, "a statement has no name");
            }
            if (!names.add(name)) {
                throw bad(file, "two statements are named " + name);
            }
            List<String> registryScopes = strings(s.path("registryScopes"));
            if (registryScopes.isEmpty()) {
                throw bad(file, "statement " + name + " has no registry scopes");
            }
            if (registryScopes.contains("*") && registryScopes.size() > 1) {
                throw bad(file, "statement " + name + " uses the wildcard scope '*' with other scopes");
            }
            for (String scope : registryScopes) {
                if (!scope.equals("*")
                        && (!scope.contains("/")
                                || scope.contains("@")
                                || scope.contains("*")
                                || scope.endsWith("/")
                                || scope.matches(".*:[^/]*$"))) {
                    throw bad(file, "statement " + name + ": registry scope " + scope + " is not REGISTRY/REPOSITORY");
                }
                if (!scopes.add(scope)) {
                    throw bad(file, "registry scope " + scope + " is in more than one statement");
                }
            }
            String levelText = s.path("signatureVerification").path("level").asText("");
            Level level;
            try {
                level = Level.valueOf(levelText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(
                        file,
                        "statement " + name + ": level '" + levelText + "' is not strict, permissive, audit or"
                                + " skip");
            }
            java.util.Map<String, String> actions = new java.util.HashMap<>(levelActions(level));
            JsonNode override = s.path("signatureVerification").path("override");
            if (override.isObject() && !override.isEmpty()) {
                if (level == Level.SKIP) {
                    throw bad(file, "statement " + name + ": level skip cannot be overridden");
                }
                var fields = override.fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    String type = f.getKey();
                    String action = f.getValue().asText("");
                    if (type.equals("integrity")) {
                        throw bad(file, "statement " + name + ": integrity cannot be overridden");
                    }
                    if (!OVERRIDABLE.contains(type)) {
                        throw bad(file, "statement " + name + ": " + type + " is not a validation type " + OVERRIDABLE);
                    }
                    if (!List.of("enforce", "log", "skip").contains(action)) {
                        throw bad(file, "statement " + name + ": " + action + " is not enforce, log or skip");
                    }
                    if (action.equals("skip") && !type.equals("revocation")) {
                        throw bad(file, "statement " + name + ": " + type + " cannot be skipped");
                    }
                    actions.put(type, action);
                }
            }
            List<String> stores = strings(s.path("trustStores"));
            List<String> identities = strings(s.path("trustedIdentities"));
            if (level == Level.SKIP) {
                if (!stores.isEmpty() || !identities.isEmpty()) {
                    throw bad(file, "statement " + name + " skips verification but lists trust stores or identities");
                }
            } else {
                if (stores.isEmpty()) {
                    throw bad(file, "statement " + name + " lists no trust store");
                }
                if (identities.isEmpty()) {
                    throw bad(file, "statement " + name + " lists no trusted identity");
                }
                if (identities.contains("*") && identities.size() > 1) {
                    throw bad(file, "statement " + name + " uses the wildcard identity '*' with other identities");
                }
                for (String id : identities) {
                    if (!id.equals("*")) {
                        NotationVerifier.subject(id, file + ": statement " + name);
                    }
                }
            }
            out.add(new Statement(name, registryScopes, level, stores, identities, actions));
        }
        return new NotationTrustPolicy(List.copyOf(out));
    }

    /** The statement for an artifact in {@code repository} ({@code registry/path}), or null when none applies. */
    public Statement forRepository(String repository) {
        for (Statement s : statements) {
            if (s.registryScopes().contains(repository)) {
                return s;
            }
        }
        for (Statement s : statements) {
            if (s.registryScopes().contains("*")) {
                return s;
            }
        }
        return null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (e.isTextual()) {
                out.add(e.asText());
            }
        }
        return out;
    }

    private static InvalidInputException bad(String file, String why) {
        return new InvalidInputException(file + ": " + why);
    }
}
