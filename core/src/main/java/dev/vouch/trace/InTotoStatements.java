package dev.vouch.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an in-toto statement ({@code _type} https://in-toto.io/Statement/v0.1 or v1) and, for SLSA provenance v0.2
 * and v1, the builder, build type, source, parameters and materials (<a
 * href="https://slsa.dev/spec/v0.2/provenance">v0.2</a>, <a href="https://slsa.dev/spec/v1.0/provenance">v1.0</a>).
 */
final class InTotoStatements {
    private static final int MAX_ITEMS = 200;

    private InTotoStatements() {}

    static Attestation read(byte[] statement, String source, List<Digest> imageDigests, String signature) {
        JsonNode s = Json.tree(statement, source);
        String type = s.path("_type").asText("");
        if (!type.startsWith("https://in-toto.io/Statement/")) {
            throw new dev.vouch.error.InvalidInputException(source + ": _type is not an in-toto statement");
        }
        boolean matches = false;
        for (JsonNode sub : s.path("subject")) {
            String sha = sub.path("digest").path("sha256").asText(null);
            if (sha != null
                    && imageDigests.stream()
                            .anyMatch(d ->
                                    d.algorithm().equals("sha256") && d.hex().equals(sha))) {
                matches = true;
            }
        }
        String predicateType = s.path("predicateType").asText(null);
        JsonNode p = s.path("predicate");
        String builder = null;
        String buildType = null;
        String repo = null;
        String rev = null;
        Map<String, String> params = new LinkedHashMap<>();
        List<String> materials = new ArrayList<>();
        if ("https://slsa.dev/provenance/v0.2".equals(predicateType)) {
            builder = p.path("builder").path("id").asText(null);
            buildType = p.path("buildType").asText(null);
            JsonNode config = p.path("invocation").path("configSource");
            repo = config.path("uri").asText(null);
            rev = config.path("digest").path("sha1").asText(null);
            flatten(p.path("invocation").path("parameters"), "", params);
            for (JsonNode m : p.path("materials")) {
                materials.add(material(m));
            }
        } else if ("https://slsa.dev/provenance/v1".equals(predicateType)) {
            JsonNode def = p.path("buildDefinition");
            builder = p.path("runDetails").path("builder").path("id").asText(null);
            buildType = def.path("buildType").asText(null);
            flatten(def.path("externalParameters"), "", params);
            for (JsonNode m : def.path("resolvedDependencies")) {
                materials.add(material(m));
                String uri = m.path("uri").asText("");
                String sha1 = m.path("digest")
                        .path("gitCommit")
                        .asText(m.path("digest").path("sha1").asText(null));
                if (repo == null && uri.startsWith("git+") && sha1 != null) {
                    repo = uri;
                    rev = sha1;
                }
            }
            JsonNode wf = def.path("externalParameters").path("workflow");
            if (repo == null && wf.has("repository")) {
                repo = wf.path("repository").asText(null);
            }
        }
        return new Attestation(
                source, predicateType, matches, builder, buildType, repo, rev, params, materials, signature);
    }

    private static String material(JsonNode m) {
        String uri = m.path("uri").asText(m.path("name").asText(""));
        StringBuilder b = new StringBuilder(uri);
        m.path("digest").properties().stream()
                .findFirst()
                .ifPresent(d -> b.append('@')
                        .append(d.getKey())
                        .append(':')
                        .append(d.getValue().asText()));
        return b.toString();
    }

    private static void flatten(JsonNode n, String prefix, Map<String, String> out) {
        if (out.size() >= MAX_ITEMS) {
            return;
        }
        if (n.isObject()) {
            n.properties()
                    .forEach(
                            e -> flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
        } else if (n.isArray()) {
            int i = 0;
            for (JsonNode x : n) {
                flatten(x, prefix + "[" + i++ + "]", out);
            }
        } else if (!n.isMissingNode() && !n.isNull()) {
            String v = n.asText();
            out.put(prefix, v.length() > 200 ? v.substring(0, 197) + "..." : v);
        }
    }
}
