package dev.vouch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.check.render.Sarif;
import dev.vouch.report.Severity;
import dev.vouch.vuln.Match;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnSeverity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A scan as SARIF 2.1.0 (<a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">OASIS</a>), the
 * shape GitHub code scanning takes: one rule per advisory (with its CVSS score as {@code security-severity} when
 * there is one), one result per affected package, located at the file the package was found in.
 */
final class ScanSarif {
    private ScanSarif() {}

    /**
     * Writes the log as it is made: the rules (one per advisory, a few thousand at most) are built first, then each
     * result is written and forgotten, so a million matches never stand in memory as JSON.
     */
    static void write(java.io.Writer out, String image, ScanResult scan) throws java.io.IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        com.fasterxml.jackson.databind.ObjectMapper mapper = dev.vouch.io.Json.writer();
        ObjectNode root = f.objectNode();
        ObjectNode run = Sarif.skeleton(root);
        ObjectNode driver = (ObjectNode) run.path("tool").path("driver");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (Match m : scan.matches()) {
            if (!index.containsKey(m.id())) {
                index.put(m.id(), rules.size());
                rules.add(rule(f, m));
            }
        }
        try (com.fasterxml.jackson.core.JsonGenerator g = mapper.getFactory()
                .createGenerator(out)
                .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.setPrettyPrinter(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("$schema", root.path("$schema").asText());
            g.writeStringField("version", root.path("version").asText());
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeFieldName("tool");
            mapper.writeTree(g, run.path("tool"));
            g.writeArrayFieldStart("results");
            for (Match m : scan.matches()) {
                mapper.writeTree(g, result(f, image, m, index.get(m.id())));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static ObjectNode rule(JsonNodeFactory f, Match m) {
        Severity sev = severity(m.severity());
        ObjectNode r = f.objectNode();
        r.put("id", m.id());
        r.putObject("shortDescription").put("text", m.summary() != null ? m.summary() : m.id());
        r.put("helpUri", "https://osv.dev/vulnerability/" + m.id());
        r.putObject("help")
                .put("text", m.id() + (m.aliases().isEmpty() ? "" : " (" + String.join(", ", m.aliases()) + ")"));
        r.putObject("defaultConfiguration").put("level", Sarif.level(sev));
        ObjectNode props = r.putObject("properties");
        props.put(
                "security-severity",
                m.score() != null ? String.format(Locale.ROOT, "%.1f", m.score()) : Sarif.securitySeverity(sev));
        props.putArray("tags")
                .add("vulnerability")
                .add("security")
                .add(m.severity().word());
        return r;
    }

    private static ObjectNode result(JsonNodeFactory f, String image, Match m, int ruleIndex) {
        ObjectNode res = f.objectNode();
        res.put("ruleId", m.id());
        res.put("ruleIndex", ruleIndex);
        res.put("level", Sarif.level(severity(m.severity())));
        res.putObject("message")
                .put(
                        "text",
                        m.packageName() + " " + m.version() + " in " + image + " is affected by " + m.id()
                                + (m.fixAvailable() ? "; fixed in " + m.fixedVersion() : "; no fix yet")
                                + (m.layer() >= 0 ? " (layer " + m.layer() + ")" : ""));
        res.putArray("locations")
                .addObject()
                .putObject("physicalLocation")
                .putObject("artifactLocation")
                .put("uri", m.purl() != null ? m.purl() : m.packageName());
        res.putObject("partialFingerprints").put("vouch/v1", m.id() + "/" + m.packageName() + "@" + m.version());
        return res;
    }

    private static Severity severity(VulnSeverity s) {
        return switch (s) {
            case CRITICAL -> Severity.CRITICAL;
            case HIGH -> Severity.HIGH;
            case MEDIUM -> Severity.MEDIUM;
            case LOW -> Severity.LOW;
            case NEGLIGIBLE, UNKNOWN -> Severity.INFO;
        };
    }
}
