package dev.vouch.vuln;

import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import java.io.IOException;
import java.util.ArrayList;
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

    /** Packages matched per round: the candidates of one round are all that is held of the database at once. */
    static final int CHUNK = 2048;

    public static ScanResult match(Sbom sbom, VulnDatabase db) throws IOException {
        Map<String, Integer> coverage = db.coverage();
        List<Match> matches = new ArrayList<>();
        Map<String, List<String>> notAssessed = new LinkedHashMap<>();
        int[] assessed = {0};
        Strings strings = new Strings();
        List<Package> all = sbom.packages();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Package> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            matchChunk(chunk, sbom, db, coverage, matches, notAssessed, assessed, strings);
        }
        matches.sort(Comparator.comparing(Match::severity)
                .thenComparing(Match::packageName)
                .thenComparing(Match::id));
        List<ScanResult.NotAssessed> na = new ArrayList<>();
        notAssessed.forEach((why, which) ->
                na.add(new ScanResult.NotAssessed(why, which.size(), which.subList(0, Math.min(5, which.size())))));
        return new ScanResult(matches, na, List.of(), assessed[0]);
    }

    /**
     * One value per distinct string and one alias list per advisory: a large scan has a million matches but only a
     * few thousand distinct advisory ids, fixed versions and ecosystems.
     */
    private static final class Strings {
        private final Map<String, String> pool = new java.util.HashMap<>();
        private final Map<String, List<String>> aliases = new java.util.HashMap<>();

        String of(String s) {
            return s == null ? null : pool.computeIfAbsent(s, x -> x);
        }

        List<String> aliases(String joined) {
            if (joined == null || joined.isBlank()) {
                return List.of();
            }
            return aliases.computeIfAbsent(joined, j -> List.of(j.split(" ")));
        }
    }

    private static void matchChunk(
            List<Package> chunk,
            Sbom sbom,
            VulnDatabase db,
            Map<String, Integer> coverage,
            List<Match> matches,
            Map<String, List<String>> notAssessed,
            int[] assessed,
            Strings strings)
            throws IOException {
        // look every assessable package of the round up at once, per ecosystem
        Map<Ecosystems.Key, java.util.Set<String>> names = new LinkedHashMap<>();
        for (Package p : chunk) {
            Ecosystems.Key k = Ecosystems.of(p, sbom.distro());
            if (k != null) {
                names.computeIfAbsent(release(k), e -> new java.util.LinkedHashSet<>())
                        .addAll(lookupNames(p, k));
            }
        }
        Map<String, Map<String, List<VulnDatabase.Candidate>>> found = new java.util.HashMap<>();
        for (var e : names.entrySet()) {
            found.computeIfAbsent(e.getKey().label(), l -> new java.util.HashMap<>())
                    .putAll(db.candidates(e.getKey().ecosystem(), e.getKey().release(), e.getValue()));
        }
        for (Package p : chunk) {
            Ecosystems.Key k = Ecosystems.of(p, sbom.distro());
            if (k == null) {
                notAssessed
                        .computeIfAbsent(Ecosystems.whyNot(p, sbom.distro()), w -> new ArrayList<>())
                        .add(p.name());
                continue;
            }
            List<VulnDatabase.Candidate> candidates = new ArrayList<>();
            for (String name : lookupNames(p, k)) {
                for (VulnDatabase.Candidate c :
                        found.getOrDefault(k.label(), Map.of()).getOrDefault(name, List.of())) {
                    if (Ecosystems.sameRelease(k, c.release()) && !candidates.contains(c)) {
                        candidates.add(c);
                    }
                }
            }
            boolean nvd = k.ecosystem().equals(NvdParser.ECOSYSTEM);
            boolean valid = k.scheme().isValid(k.version());
            if (!valid && candidates.stream().noneMatch(c -> AffectedRanges.listed(c.versions(), k.version()))) {
                notAssessed
                        .computeIfAbsent(
                                "versions that are not valid " + k.ecosystem() + " versions", w -> new ArrayList<>())
                        .add(p.name() + " " + p.version());
                continue;
            }
            if (!covered(coverage, k)) {
                notAssessed
                        .computeIfAbsent(
                                nvd
                                        ? "the database has no NVD records (vouch db import NVD CVE records or feeds)"
                                        : "the database has no " + k.label() + " records (vouch db import the "
                                                + k.ecosystem() + " OSV data)",
                                w -> new ArrayList<>())
                        .add(p.name());
                continue;
            }
            assessed[0]++;
            // one row per advisory: the entries of one advisory that apply to this version are combined
            Map<String, List<Applying>> byAdvisory = new LinkedHashMap<>();
            for (VulnDatabase.Candidate c : candidates) {
                AffectedRanges.Verdict v;
                if (!valid) {
                    // a version the scheme cannot order: only a word-for-word listing says anything
                    if (!AffectedRanges.listed(c.versions(), k.version())) {
                        continue;
                    }
                }
                try {
                    v = nvd
                            ? NvdConfigurations.evaluate(c.ranges(), Ecosystems.cpes(p), sbom.distro())
                            : AffectedRanges.evaluate(c.ranges(), c.versions(), k.version(), k.scheme());
                } catch (RuntimeException badVersionInRecord) {
                    continue; // a range version the scheme cannot read: this entry says nothing usable
                }
                if (v.affected()) {
                    byAdvisory
                            .computeIfAbsent(c.advisoryId(), id -> new ArrayList<>())
                            .add(new Applying(c, v));
                }
            }
            byAdvisory.forEach((id, entries) -> matches.add(combined(p, k, entries, strings)));
        }
    }

    /** The names a package is looked up by: its key's, or for NVD every vendor:product of its CPE names. */
    private static List<String> lookupNames(Package p, Ecosystems.Key k) {
        if (!k.ecosystem().equals(NvdParser.ECOSYSTEM)) {
            return List.of(k.name());
        }
        return Ecosystems.cpes(p).stream().map(Ecosystems::product).distinct().toList();
    }

    /** An affected entry that applies to the installed version, and what it says. */
    private record Applying(VulnDatabase.Candidate candidate, AffectedRanges.Verdict verdict) {}

    /**
     * One match from the affected entries of one advisory that apply: the fix shown is the one that leaves every
     * entry behind (the highest), none when any entry has no fix yet; with several entries, each is kept as detail.
     */
    private static Match combined(Package p, Ecosystems.Key k, List<Applying> entries, Strings strings) {
        VulnDatabase.Candidate first = entries.get(0).candidate();
        String fixed = null;
        boolean unfixed = false;
        List<String> detail = new ArrayList<>();
        for (Applying e : entries) {
            String f = e.verdict().fixed();
            if (f == null) {
                unfixed = true;
            } else if (fixed == null || compare(k, f, fixed) > 0) {
                fixed = f;
            }
            if (entries.size() > 1) {
                detail.add(f == null ? "no fix yet" : "fixed in " + f);
            }
        }
        return match(p, k, first, unfixed ? null : strings.of(fixed), detail, strings);
    }

    private static int compare(Ecosystems.Key k, String a, String b) {
        try {
            return k.scheme().compare(a, b);
        } catch (RuntimeException unreadable) {
            return a.compareTo(b);
        }
    }

    private static Match match(
            Package p, Ecosystems.Key k, VulnDatabase.Candidate c, String fixed, List<String> detail, Strings strings) {
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
                strings.of(
                        c.release() == null || c.release().isEmpty()
                                ? k.ecosystem()
                                : k.ecosystem() + ":" + c.release()),
                strings.of(c.advisoryId()),
                strings.aliases(a.aliases()),
                sev,
                a.score(),
                a.scoredBy(),
                fixed,
                c.urgency(),
                a.summary(),
                p.layer(),
                detail);
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
