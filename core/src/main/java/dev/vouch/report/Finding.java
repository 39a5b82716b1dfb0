package dev.vouch.report;

/**
 * One observation about an image, with a stable rule id (such as {@code TAR002}), a severity, a one-line message
 * and where it was made. Findings are the unit every later check (Dockerfile rules, secrets, vulnerabilities)
 * reports in.
 */
public record Finding(String id, Severity severity, String message, Location location) {
    /** One line: {@code [TAR002] layer 1 (sha256:…) /x: message}. */
    public String oneLine() {
        String where = location == null ? "" : location.toString();
        return "[" + id + "] " + (where.isEmpty() ? "" : where + ": ") + message;
    }
}
