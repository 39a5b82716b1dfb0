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

    static ObjectNode log(String image, ScanResult scan) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode run = Sarif.skeleton(root);
        ObjectNode driver = (ObjectNode) run.path("tool").path("driver");
        ArrayNode rules = driver.putArray("rules");
        ArrayNode results = run.putArray("results");
        Map<String, Integer> index = new HashMap<>();
        for (Match m : scan.matches()) {
            Severity sev = severity(m.severity());
            if (!index.containsKey(m.id())) {
                index.put(m.id(), rules.size());
                ObjectNode r = rules.addObject();
                r.put("id", m.id());
                r.putObject("shortDescription").put("text", m.summary() != null ? m.summary() : m.id());
                r.put("helpUri", "https://osv.dev/vulnerability/" + m.id());
                r.putObject("help")
                        .put(
                                "text",
                                m.id() + (m.aliases().isEmpty() ? "" : " (" + String.join(", ", m.aliases()) + ")"));
                r.putObject("defaultConfiguration").put("level", Sarif.level(sev));
                ObjectNode props = r.putObject("properties");
                props.put(
                        "security-severity",
                        m.score() != null
                                ? String.format(Locale.ROOT, "%.1f", m.score())
                                : Sarif.securitySeverity(sev));
                props.putArray("tags")
                        .add("vulnerability")
                        .add("security")
                        .add(m.severity().word());
            }
            ObjectNode res = results.addObject();
            res.put("ruleId", m.id());
            res.put("ruleIndex", index.get(m.id()));
            res.put("level", Sarif.level(sev));
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
        }
        return root;
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
