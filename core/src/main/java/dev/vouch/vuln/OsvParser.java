package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one OSV record (<a href="https://ossf.github.io/osv-schema/">OSV schema 1.x</a>) into an {@link Advisory}.
 * A record without an id or a modified time, or with an affected entry without ecosystem and name, is refused with
 * the field named; anything vouch does not use is ignored.
 */
final class OsvParser {
    private OsvParser() {}

    static Advisory parse(JsonNode r, String where) {
        String id = text(r, "id");
        if (id == null || id.isEmpty() || id.length() > 200 || hasControl(id)) {
            throw new InvalidInputException(where + ": OSV record without a usable \"id\"");
        }
        String modified = text(r, "modified");
        if (modified == null) {
            throw new InvalidInputException(where + ": OSV record " + id + " has no \"modified\" time");
        }
        List<String> aliases = new ArrayList<>();
        for (JsonNode a : r.path("aliases")) {
            if (a.isTextual()) {
                aliases.add(a.asText());
            }
        }
        List<Advisory.Affected> affected = new ArrayList<>();
        String ubuntuSeverity = null;
        for (JsonNode a : r.path("affected")) {
            JsonNode pkg = a.path("package");
            String eco = text(pkg, "ecosystem");
            String name = text(pkg, "name");
            if (eco != null && name != null && (hasControl(eco) || hasControl(name) || name.length() > 1000)) {
                throw new InvalidInputException(
                        where + ": OSV record " + id + ": control characters in a package's ecosystem or name");
            }
            if (eco == null || name == null) {
                if (text(pkg, "purl") != null) {
                    continue; // purl-only entries: no ecosystem to match on
                }
                throw new InvalidInputException(
                        where + ": OSV record " + id + ": affected[].package needs \"ecosystem\" and \"name\"");
            }
            int colon = eco.indexOf(':');
            String base = colon < 0 ? eco : eco.substring(0, colon);
            if (base.equals("PyPI")) {
                name = Ecosystems.pypiName(name);
            }
            String release = colon < 0 ? "" : eco.substring(colon + 1);
            String ranges = AffectedRanges.encode(a.path("ranges"));
            if (ranges == null) {
                throw new InvalidInputException(
                        where + ": OSV record " + id + ": a range event's version holds a tab or a line break");
            }
            affected.add(new Advisory.Affected(
                    base,
                    release,
                    name,
                    ranges,
                    AffectedRanges.encodeVersions(a.get("versions")),
                    text(a.path("ecosystem_specific"), "urgency")));
        }
        // severity: the newest CVSS vector's base score first, then what the source says in words
        VulnSeverity severity = VulnSeverity.UNKNOWN;
        Double score = null;
        String from = null;
        for (JsonNode s : r.path("severity")) {
            String type = text(s, "type");
            if (type == null) {
                continue;
            }
            int preference = CvssScore.preference(type);
            if (preference > 0 && (from == null || preference > CvssScore.preference(from))) {
                double b = CvssScore.baseScore(type, text(s, "score"));
                if (b >= 0) {
                    severity = VulnSeverity.ofScore(b);
                    score = b;
                    from = type;
                }
            } else if ("Ubuntu".equals(type)) {
                ubuntuSeverity = text(s, "score");
            }
        }
        if (from == null) {
            String word = text(r.path("database_specific"), "severity");
            if (VulnSeverity.ofWord(word) != VulnSeverity.UNKNOWN) {
                severity = VulnSeverity.ofWord(word);
                from = "database_specific";
            } else if (VulnSeverity.ofWord(ubuntuSeverity) != VulnSeverity.UNKNOWN) {
                severity = VulnSeverity.ofWord(ubuntuSeverity);
                from = "Ubuntu";
            }
        }
        return new Advisory(
                id, modified, text(r, "withdrawn"), text(r, "summary"), aliases, severity, score, from, affected);
    }

    /** Ids and names with control characters are refused: the store uses one (0x1F) as a field separator. */
    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
