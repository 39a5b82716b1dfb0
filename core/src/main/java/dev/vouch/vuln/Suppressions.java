package dev.vouch.vuln;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies VEX statements and the ignore file to a scan: a match a {@code not_affected}/{@code fixed} statement
 * covers, or an unexpired ignore entry names, moves to {@code suppressed} with the reason; the last statement about
 * a vulnerability and product wins, as OpenVEX orders them.
 */
public final class Suppressions {
    private Suppressions() {}

    public static ScanResult apply(
            ScanResult scan, String imageDigest, List<VexStatement> vex, IgnoreFile ignore, LocalDate today) {
        List<Match> kept = new ArrayList<>();
        List<ScanResult.Suppressed> suppressed = new ArrayList<>(scan.suppressed());
        for (Match m : scan.matches()) {
            VexStatement last = null;
            for (VexStatement s : vex) {
                if (s.names(m) && s.covers(m, imageDigest)) {
                    last = s;
                }
            }
            if (last != null && last.suppresses()) {
                suppressed.add(new ScanResult.Suppressed(
                        m.id(),
                        m.packageName(),
                        "VEX " + last.status()
                                + (last.justification() != null ? " (" + last.justification() + ")" : "")
                                + (last.impact() != null ? ": " + last.impact() : "")
                                + " [" + last.source() + "]"));
                continue;
            }
            IgnoreFile.Entry entry = ignore == null
                    ? null
                    : ignore.entries().stream()
                            .filter(e -> e.applies(m, today))
                            .findFirst()
                            .orElse(null);
            if (entry != null) {
                suppressed.add(new ScanResult.Suppressed(
                        m.id(),
                        m.packageName(),
                        "ignored: " + entry.reason()
                                + (entry.expires() != null ? " (until " + entry.expires() + ")" : "")));
                continue;
            }
            kept.add(m);
        }
        return new ScanResult(kept, scan.notAssessed(), suppressed, scan.packagesAssessed());
    }

    /** The ignore entries whose expiry date has passed: they no longer apply, and the user should hear it. */
    public static List<IgnoreFile.Entry> expired(IgnoreFile ignore, LocalDate today) {
        return ignore == null
                ? List.of()
                : ignore.entries().stream()
                        .filter(e -> e.expires() != null && today.isAfter(e.expires()))
                        .toList();
    }
}
