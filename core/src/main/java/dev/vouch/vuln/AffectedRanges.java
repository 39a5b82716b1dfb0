package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an OSV affected entry against a version (<a
 * href="https://ossf.github.io/osv-schema/#evaluation">OSV evaluation</a>): the explicit {@code versions} list,
 * then each ECOSYSTEM or SEMVER range's events in version order ({@code introduced} opens, {@code fixed} closes at
 * that version, {@code last_affected} closes after it, {@code limit} bounds). GIT ranges name commits, not
 * versions, and are skipped.
 */
final class AffectedRanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AffectedRanges() {}

    /** The verdict for one version: affected or not, and the fixed version of the range that matched. */
    record Verdict(boolean affected, String fixed) {}

    static Verdict evaluate(String rangesJson, String versionsJson, String version, VersionScheme scheme)
            throws java.io.IOException {
        if (versionsJson != null) {
            for (JsonNode v : JSON.readTree(versionsJson)) {
                if (v.asText().equals(version)) {
                    return new Verdict(true, fixedAbove(JSON.readTree(rangesJson), version, scheme));
                }
            }
        }
        JsonNode ranges = JSON.readTree(rangesJson);
        for (JsonNode r : ranges) {
            String type = r.path("type").asText();
            if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
                continue;
            }
            List<String[]> events = new ArrayList<>();
            for (JsonNode e : r.path("events")) {
                var it = e.fields();
                if (it.hasNext()) {
                    var f = it.next();
                    events.add(new String[] {f.getKey(), f.getValue().asText()});
                }
            }
            events.sort((a, b) -> compareEventVersions(a[1], b[1], scheme));
            boolean affected = false;
            String fixed = null;
            for (String[] e : events) {
                switch (e[0]) {
                    case "introduced" -> {
                        if (e[1].equals("0") || scheme.compare(version, e[1]) >= 0) {
                            affected = true;
                            fixed = null;
                        }
                    }
                    case "fixed" -> {
                        if (scheme.compare(version, e[1]) >= 0) {
                            affected = false;
                        } else if (affected && fixed == null) {
                            fixed = e[1];
                        }
                    }
                    case "last_affected" -> {
                        if (scheme.compare(version, e[1]) > 0) {
                            affected = false;
                        }
                    }
                    case "limit" -> {
                        if (!e[1].equals("*") && scheme.compare(version, e[1]) >= 0) {
                            affected = false;
                        }
                    }
                    default -> {}
                }
            }
            if (affected) {
                return new Verdict(true, fixed);
            }
        }
        return new Verdict(false, null);
    }

    private static int compareEventVersions(String a, String b, VersionScheme scheme) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals("0")) {
            return -1;
        }
        if (b.equals("0")) {
            return 1;
        }
        return scheme.compare(a, b);
    }

    private static String fixedAbove(JsonNode ranges, String version, VersionScheme scheme) {
        String best = null;
        for (JsonNode r : ranges) {
            for (JsonNode e : r.path("events")) {
                JsonNode f = e.get("fixed");
                if (f != null
                        && scheme.compare(f.asText(), version) > 0
                        && (best == null || scheme.compare(f.asText(), best) < 0)) {
                    best = f.asText();
                }
            }
        }
        return best;
    }
}
