package dev.vouch.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an OSV affected entry against a version (<a
 * href="https://ossf.github.io/osv-schema/#evaluation">OSV evaluation</a>): the explicit {@code versions} list,
 * then each ECOSYSTEM or SEMVER range's events in version order ({@code introduced} opens, {@code fixed} closes at
 * that version, {@code last_affected} closes after it, {@code limit} bounds). GIT ranges name commits, not
 * versions, and are not kept.
 *
 * <p>Ranges are stored in a compact text form made at import ({@link #encode}): one line per event,
 * {@code kind TAB version}, a line {@code = TYPE} opening each range; matching then needs no JSON parsing.
 */
final class AffectedRanges {
    private AffectedRanges() {}

    /** The verdict for one version: affected or not, and the fixed version of the range that matched. */
    record Verdict(boolean affected, String fixed) {}

    /** The compact form of an OSV {@code ranges} array; null when a version holds a tab or a line break. */
    static String encode(JsonNode ranges) {
        StringBuilder b = new StringBuilder();
        for (JsonNode r : ranges) {
            String type = r.path("type").asText();
            if (!type.equals("ECOSYSTEM") && !type.equals("SEMVER")) {
                continue;
            }
            b.append("=\t").append(type).append('\n');
            for (JsonNode e : r.path("events")) {
                var it = e.fields();
                if (!it.hasNext()) {
                    continue;
                }
                var f = it.next();
                String v = f.getValue().asText();
                if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0) {
                    return null;
                }
                b.append(f.getKey()).append('\t').append(v).append('\n');
            }
        }
        return b.toString();
    }

    /** The compact form of a {@code versions} array (one per line); null when there is none. */
    static String encodeVersions(JsonNode versions) {
        if (versions == null || !versions.isArray() || versions.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode v : versions) {
            String s = v.asText();
            if (s.indexOf('\n') < 0) {
                b.append(s).append('\n');
            }
        }
        return b.toString();
    }

    /** Whether the {@code versions} list names this version word for word. */
    static boolean listed(String versions, String version) {
        if (versions == null) {
            return false;
        }
        for (String v : versions.split("\n")) {
            if (v.equals(version)) {
                return true;
            }
        }
        return false;
    }

    static Verdict evaluate(String ranges, String versions, String version, VersionScheme scheme) {
        List<List<String[]>> parsed = decode(ranges);
        if (versions != null) {
            for (String v : versions.split("\n")) {
                if (v.equals(version)) {
                    // listed word for word: affected whatever the scheme makes of it (0.7.10p1 is not PEP 440)
                    String fixed;
                    try {
                        fixed = fixedAbove(parsed, version, scheme);
                    } catch (RuntimeException notInTheScheme) {
                        fixed = null;
                    }
                    return new Verdict(true, fixed);
                }
            }
        }
        for (List<String[]> events : parsed) {
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

    private static List<List<String[]>> decode(String ranges) {
        List<List<String[]>> out = new ArrayList<>();
        List<String[]> cur = null;
        int at = 0;
        while (at < ranges.length()) {
            int nl = ranges.indexOf('\n', at);
            if (nl < 0) {
                nl = ranges.length();
            }
            int tab = ranges.indexOf('\t', at);
            if (tab > at && tab < nl) {
                String kind = ranges.substring(at, tab);
                if (kind.equals("=")) {
                    cur = new ArrayList<>();
                    out.add(cur);
                } else if (cur != null) {
                    cur.add(new String[] {kind, ranges.substring(tab + 1, nl)});
                }
            }
            at = nl + 1;
        }
        return out;
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

    private static String fixedAbove(List<List<String[]>> ranges, String version, VersionScheme scheme) {
        String best = null;
        for (List<String[]> r : ranges) {
            for (String[] e : r) {
                if (e[0].equals("fixed")
                        && scheme.compare(e[1], version) > 0
                        && (best == null || scheme.compare(e[1], best) < 0)) {
                    best = e[1];
                }
            }
        }
        return best;
    }
}
