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
        // look every assessable package up at once, per ecosystem
        Map<Ecosystems.Key, java.util.Set<String>> names = new LinkedHashMap<>();
        for (Package p : sbom.packages()) {
            Ecosystems.Key k = Ecosystems.of(p, sbom.distro());
            if (k != null) {
                names.computeIfAbsent(release(k), e -> new java.util.LinkedHashSet<>())
                        .add(k.name());
            }
        }
        Map<String, Map<String, List<VulnDatabase.Candidate>>> found = new java.util.HashMap<>();
        for (var e : names.entrySet()) {
            found.computeIfAbsent(e.getKey().label(), l -> new java.util.HashMap<>())
                    .putAll(db.candidates(e.getKey().ecosystem(), e.getKey().release(), e.getValue()));
        }
        for (Package p : sbom.packages()) {
            Ecosystems.Key k = Ecosystems.of(p, sbom.distro());
            if (k == null) {
                notAssessed
                        .computeIfAbsent(Ecosystems.whyNot(p, sbom.distro()), w -> new ArrayList<>())
                        .add(p.name());
                continue;
            }
            if (!k.scheme().isValid(k.version())) {
                notAssessed
                        .computeIfAbsent(
                                "versions that are not valid " + k.ecosystem() + " versions", w -> new ArrayList<>())
                        .add(p.name() + " " + p.version());
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
            for (VulnDatabase.Candidate c :
                    found.getOrDefault(k.label(), Map.of()).getOrDefault(k.name(), List.of())) {
                if (!Ecosystems.sameRelease(k, c.release())) {
                    continue;
                }
                AffectedRanges.Verdict v;
                try {
                    v = AffectedRanges.evaluate(c.ranges(), c.versions(), k.version(), k.scheme());
                } catch (RuntimeException badVersionInRecord) {
                    continue; // a range version the scheme cannot read: this entry says nothing usable
                }
                if (v.affected()) {
                    matches.add(match(p, k, c, v));
                }
            }
        }
        matches.sort(Comparator.comparing(Match::severity)
                .thenComparing(Match::packageName)
                .thenComparing(Match::id));
        List<ScanResult.NotAssessed> na = new ArrayList<>();
        notAssessed.forEach((why, which) ->
                na.add(new ScanResult.NotAssessed(why, which.size(), which.subList(0, Math.min(5, which.size())))));
        return new ScanResult(matches, na, List.of(), assessed);
    }

    private static Match match(Package p, Ecosystems.Key k, VulnDatabase.Candidate c, AffectedRanges.Verdict v) {
        VulnDatabase.AdvisoryInfo a = c.advisory();
        VulnSeverity sev = VulnSeverity.ofWord(a.severity());
        if (sev == VulnSeverity.UNKNOWN && c.urgency() != null) {
            sev = VulnSeverity.ofWord(c.urgency());
        }
        return new Match(
                p.name(),
                p.version(),
                p.purl(),
                k.name(),
                k.ecosystem() + ":" + c.release(),
                c.advisoryId(),
                a.aliases() == null || a.aliases().isBlank()
                        ? List.of()
                        : Arrays.asList(a.aliases().split(" ")),
                sev,
                a.score(),
                a.scoredBy(),
                v.fixed(),
                c.urgency(),
                a.summary(),
                p.layer());
    }

    /** The key of an ecosystem release alone (no package), to group lookups by. */
    private static Ecosystems.Key release(Ecosystems.Key k) {
        return new Ecosystems.Key(k.ecosystem(), k.release(), "", "", null);
    }

    private static boolean covered(Map<String, Integer> coverage, Ecosystems.Key k) {
        if (coverage.containsKey(k.label())) {
            return true;
        }
        String prefix = k.label() + ":";
        return coverage.keySet().stream().anyMatch(e -> e.startsWith(prefix) && !e.contains(":Pro:"));
    }
}
