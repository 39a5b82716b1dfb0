package dev.vouch.vuln;

import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches an SBOM's packages against the database: the package's ecosystem and release (from the image's
 * distribution), its source package for Debian and Alpine, its version ordered by the ecosystem's scheme.
 * Withdrawn advisories never match.
 */
public final class VulnMatcher {
    private VulnMatcher() {}

    public static ScanResult match(Sbom sbom, VulnDatabase db) throws IOException {
        Map<String, Integer> coverage = db.coverage();
        List<Match> matches = new ArrayList<>();
        Map<String, List<String>> notAssessed = new LinkedHashMap<>();
        int assessed = 0;
        for (Package p : sbom.packages()) {
            Ecosystems.Key k = Ecosystems.of(p, sbom.distro());
            if (k == null) {
                String why = sbom.distro() == null
                        ? "the operating system is unknown"
                        : "no vulnerability matching for " + p.type().purlType() + " packages on "
                                + sbom.distro().purlQualifier() + " yet";
                notAssessed.computeIfAbsent(why, w -> new ArrayList<>()).add(p.name());
                continue;
            }
            if (!covered(coverage, k)) {
                notAssessed
                        .computeIfAbsent(
                                "the database has no " + k.label() + " records (vouch db import the " + k.ecosystem()
                                        + " OSV data)",
                                w -> new ArrayList<>())
                        .add(p.name());
                continue;
            }
            assessed++;
            for (VulnDatabase.Candidate c : db.candidates(k.ecosystem(), k.name())) {
                if (c.withdrawn() != null || !Ecosystems.sameRelease(k, c.release())) {
                    continue;
                }
                AffectedRanges.Verdict v =
                        AffectedRanges.evaluate(c.rangesJson(), c.versionsJson(), k.version(), k.scheme());
                if (!v.affected()) {
                    continue;
                }
                VulnSeverity sev = VulnSeverity.ofWord(c.severity());
                if (sev == VulnSeverity.UNKNOWN && c.urgency() != null) {
                    sev = VulnSeverity.ofWord(c.urgency());
                }
                matches.add(new Match(
                        p.name(),
                        p.version(),
                        p.purl(),
                        k.name(),
                        k.ecosystem() + ":" + c.release(),
                        c.advisoryId(),
                        c.aliases() == null || c.aliases().isBlank()
                                ? List.of()
                                : Arrays.asList(c.aliases().split(" ")),
                        sev,
                        c.score(),
                        v.fixed(),
                        c.urgency(),
                        c.summary(),
                        p.layer()));
            }
        }
        matches.sort(Comparator.comparing(Match::severity)
                .thenComparing(Match::packageName)
                .thenComparing(Match::id));
        List<ScanResult.NotAssessed> na = new ArrayList<>();
        notAssessed.forEach((why, names) ->
                na.add(new ScanResult.NotAssessed(why, names.size(), names.subList(0, Math.min(5, names.size())))));
        return new ScanResult(matches, na, List.of(), assessed);
    }

    private static boolean covered(Map<String, Integer> coverage, Ecosystems.Key k) {
        if (coverage.containsKey(k.label())) {
            return true;
        }
        String prefix = k.label() + ":";
        return coverage.keySet().stream().anyMatch(e -> e.startsWith(prefix) && !e.contains(":Pro:"));
    }
}
