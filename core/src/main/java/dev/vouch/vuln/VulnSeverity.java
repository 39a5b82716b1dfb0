package dev.vouch.vuln;

import java.util.Locale;

/** How bad a vulnerability is, most severe first; {@link #UNKNOWN} when the data says nothing usable. */
public enum VulnSeverity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    NEGLIGIBLE,
    UNKNOWN;

    /** The CVSS qualitative rating of a base score (CVSS v3.1 specification, table 14). */
    public static VulnSeverity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : NEGLIGIBLE;
    }

    /** A word as advisories write it (GitHub's MODERATE is medium; Debian's unimportant is negligible). */
    public static VulnSeverity ofWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low" -> LOW;
            case "negligible", "unimportant", "none" -> NEGLIGIBLE;
            default -> UNKNOWN;
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
