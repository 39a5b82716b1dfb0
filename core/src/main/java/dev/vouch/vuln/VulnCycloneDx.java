package dev.vouch.vuln;

import dev.vouch.sbom.CycloneDx;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * A scan as one <a href="https://cyclonedx.org/docs/1.6/json/#vulnerabilities">CycloneDX 1.6</a> document: the
 * image's SBOM with a {@code vulnerabilities} list, each advisory rated (with its CVSS score and version when it has one),
 * pointing at the components it affects, with the fix as a recommendation; suppressed matches are kept with an
 * analysis ({@code not_affected}, the reason as detail), as a VEX consumer expects.
 */
public final class VulnCycloneDx {
    private VulnCycloneDx() {}

    public static String json(Sbom sbom, ScanResult scan, String toolVersion) {
        return CycloneDx.write(bom(sbom, scan, toolVersion));
    }

    /** The same document written to {@code out} as it is made, never held whole as text. */
    public static void write(java.io.Writer out, Sbom sbom, ScanResult scan, String toolVersion)
            throws java.io.IOException {
        CycloneDx.write(bom(sbom, scan, toolVersion), out);
    }

    private static org.cyclonedx.model.Bom bom(Sbom sbom, ScanResult scan, String toolVersion) {
        CycloneDx.Built built = CycloneDx.build(sbom, toolVersion);
        Refs refs = new Refs(built, sbom);
        Map<String, Vulnerability> byId = new LinkedHashMap<>();
        for (Match m : scan.matches()) {
            Vulnerability v = byId.computeIfAbsent(m.id(), id -> vulnerability(m));
            String ref = refs.of(m.purl(), m.packageName());
            if (ref != null) {
                Vulnerability.Affect a = new Vulnerability.Affect();
                a.setRef(ref);
                v.getAffects().add(a);
            }
            if (m.fixAvailable() && v.getRecommendation() == null) {
                v.setRecommendation("Upgrade " + m.matchedOn() + " to " + m.fixedVersion() + " or later");
            }
        }
        for (ScanResult.Suppressed x : scan.suppressed()) {
            Vulnerability v = byId.computeIfAbsent(x.id() + "#suppressed", id -> {
                Vulnerability s = new Vulnerability();
                s.setId(x.id());
                s.setAffects(new ArrayList<>());
                Vulnerability.Analysis analysis = new Vulnerability.Analysis();
                analysis.setState(Vulnerability.Analysis.State.NOT_AFFECTED);
                analysis.setDetail(x.reason());
                s.setAnalysis(analysis);
                return s;
            });
            String ref = refs.of(null, x.packageName());
            if (ref != null) {
                Vulnerability.Affect a = new Vulnerability.Affect();
                a.setRef(ref);
                v.getAffects().add(a);
            }
        }
        built.bom().setVulnerabilities(new ArrayList<>(byId.values()));
        return built.bom();
    }

    private static Vulnerability vulnerability(Match m) {
        Vulnerability v = new Vulnerability();
        v.setId(m.id());
        Vulnerability.Source src = new Vulnerability.Source();
        src.setName("OSV");
        src.setUrl("https://osv.dev/vulnerability/" + m.id());
        v.setSource(src);
        if (m.summary() != null) {
            v.setDescription(m.summary());
        }
        Vulnerability.Rating r = new Vulnerability.Rating();
        r.setSeverity(
                switch (m.severity()) {
                    case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
                    case HIGH -> Vulnerability.Rating.Severity.HIGH;
                    case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
                    case LOW -> Vulnerability.Rating.Severity.LOW;
                    case NEGLIGIBLE -> Vulnerability.Rating.Severity.INFO;
                    case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
                });
        if (m.score() != null) {
            r.setScore(m.score());
            r.setMethod(
                    switch (m.scoredBy() == null ? "" : m.scoredBy()) {
                        case "CVSS_V4" -> Vulnerability.Rating.Method.CVSSV4;
                        case "CVSS_V2" -> Vulnerability.Rating.Method.CVSSV2;
                        default -> Vulnerability.Rating.Method.CVSSV31;
                    });
        }
        v.setRatings(List.of(r));
        v.setAffects(new ArrayList<>());
        return v;
    }

    /**
     * The bom-ref of the package a match names, by purl when it has one, else by name: looked up in maps made once
     * (a scan of 100,000 packages has a million matches).
     */
    private static final class Refs {
        private final Map<String, String> byPurl = new java.util.HashMap<>();
        private final Map<String, String> byName = new java.util.HashMap<>();

        Refs(CycloneDx.Built built, Sbom sbom) {
            for (Package p : sbom.packages()) {
                String ref = built.refs().get(p);
                if (p.purl() != null) {
                    byPurl.putIfAbsent(p.purl(), ref);
                }
                byName.putIfAbsent(p.name(), ref);
            }
        }

        String of(String purl, String name) {
            return purl != null ? byPurl.get(purl) : byName.get(name);
        }
    }
}
