package dev.vouch.check.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.audit.AuditRule;
import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as a <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a> log, in
 * the shape GitHub code scanning accepts: one run, the rules with their ids, titles, help text naming their page
 * and a {@code security-severity}, and results with file and line regions.
 */
public final class Sarif {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Where each rule's page is in the repository. */
    private static final String RULES_DIR = "docs/rules/";

    private Sarif() {}

    /** A file's findings. */
    public record FileFindings(String path, List<Finding> findings) {}

    /** Makes {@code root} a SARIF 2.1.0 log with one run whose tool is vouch, and returns that run. */
    public static ObjectNode skeleton(ObjectNode root) {
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "vouch");
        driver.put("semanticVersion", dev.vouch.report.Version.number());
        return run;
    }

    public static ObjectNode log(List<AuditRule> rules, List<FileFindings> files) {
        ObjectNode root = F.objectNode();
        ObjectNode run = skeleton(root);
        ObjectNode driver = (ObjectNode) run.path("tool").path("driver");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (AuditRule r : rules) {
            index.put(r.id(), ruleArray.size());
            ruleArray.add(rule(r.id(), r.title(), r.severity(), r.hadolint()));
        }
        ArrayNode results = run.putArray("results");
        for (FileFindings f : files) {
            for (Finding x : f.findings()) {
                if (!index.containsKey(x.id())) {
                    index.put(x.id(), ruleArray.size());
                    ruleArray.add(rule(x.id(), "The Dockerfile does not parse", x.severity(), List.of()));
                }
                ObjectNode result = results.addObject();
                result.put("ruleId", x.id());
                result.put("ruleIndex", index.get(x.id()));
                result.put("level", level(x.severity()));
                result.putObject("message").put("text", x.message());
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", f.path());
                Integer line = x.location() == null ? null : x.location().line();
                if (line != null && line > 0) {
                    ObjectNode region = physical.putObject("region");
                    region.put("startLine", line);
                    Integer end = x.location().endLine();
                    if (end != null && end >= line) {
                        region.put("endLine", end);
                    }
                }
            }
        }
        return root;
    }

    /**
     * The trust report's findings: Dockerfile findings with the file and line region, image findings with a logical
     * location (the image and the report section).
     */
    public static ObjectNode checkLog(dev.vouch.check.TrustReport report) {
        ObjectNode root = F.objectNode();
        ObjectNode run = skeleton(root);
        ObjectNode driver = (ObjectNode) run.path("tool").path("driver");
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        Map<String, AuditRule> audit = new HashMap<>();
        dev.vouch.audit.Rules.all().forEach(r -> audit.put(r.id(), r));
        ArrayNode results = run.putArray("results");
        String[] names = {"identity", "origin", "build", "contents", "runtime"};
        List<dev.vouch.check.Section> sections = report.sections();
        for (int i = 0; i < sections.size(); i++) {
            for (Finding x : sections.get(i).findings()) {
                if (!index.containsKey(x.id())) {
                    index.put(x.id(), ruleArray.size());
                    AuditRule known = audit.get(x.id());
                    ruleArray.add(
                            known != null
                                    ? rule(known.id(), known.title(), known.severity(), known.hadolint())
                                    : rule(x.id(), x.id() + " (" + names[i] + ")", x.severity(), List.of()));
                }
                ObjectNode result = results.addObject();
                result.put("ruleId", x.id());
                result.put("ruleIndex", index.get(x.id()));
                result.put("level", level(x.severity()));
                result.putObject("message").put("text", x.message());
                ObjectNode location = result.putArray("locations").addObject();
                dev.vouch.report.Location at = x.location();
                if (at != null && at.file() != null && at.line() != null && at.line() > 0) {
                    ObjectNode physical = location.putObject("physicalLocation");
                    physical.putObject("artifactLocation").put("uri", at.file());
                    ObjectNode region = physical.putObject("region");
                    region.put("startLine", at.line());
                    if (at.endLine() != null && at.endLine() >= at.line()) {
                        region.put("endLine", at.endLine());
                    }
                } else {
                    location.putArray("logicalLocations")
                            .addObject()
                            .put("name", names[i])
                            .put("fullyQualifiedName", report.image() + "@" + report.digest() + "/" + names[i])
                            .put("kind", "module");
                }
                result.putObject("properties").put("section", names[i]);
            }
        }
        return root;
    }

    private static ObjectNode rule(String id, String title, Severity severity, List<String> hadolint) {
        ObjectNode r = F.objectNode();
        r.put("id", id);
        r.put("name", title.replaceAll("[^A-Za-z0-9]+", " ").strip().replace(' ', '-'));
        r.putObject("shortDescription").put("text", title);
        r.putObject("help").put("text", title + ": see " + RULES_DIR + id + ".md in the vouch repository");
        r.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode props = r.putObject("properties");
        props.put("security-severity", securitySeverity(severity));
        props.putArray("tags").add("security").add("dockerfile");
        if (!hadolint.isEmpty()) {
            ArrayNode h = props.putArray("hadolint");
            hadolint.forEach(h::add);
        }
        return r;
    }

    public static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub's scale: critical above 9, high 7 to 8.9, medium 4 to 6.9, low below 4. */
    public static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }
}
