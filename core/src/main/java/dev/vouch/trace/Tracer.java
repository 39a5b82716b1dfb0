package dev.vouch.trace;

import dev.vouch.audit.BuildModel;
import dev.vouch.audit.Stage;
import dev.vouch.error.VouchException;
import dev.vouch.image.Image;
import dev.vouch.image.Platform;
import dev.vouch.inspect.HistoryAlignment;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the traceability checks on one image: provenance fields, the base image (from {@code --base}, the
 * {@code base.name}/{@code base.digest} annotations or labels, or the Dockerfile's FROM, in that order), and the
 * reconciliation with a Dockerfile when one is given. Findings carry stable ids TR001-TR008 (see docs/trace.md).
 */
public final class Tracer {
    /** Opens a base image for a platform; a failure is the reason the base is UNVERIFIABLE. */
    @FunctionalInterface
    public interface BaseOpener {
        Image open(String reference, Platform platform) throws IOException;
    }

    /**
     * The Dockerfile side of a trace.
     *
     * @param file the Dockerfile's name, for locations
     * @param target the stage named by {@code --target}, or null for the last
     */
    public record DockerfileInput(String file, BuildModel model, Stage target) {}

    private Tracer() {}

    public static TraceReport trace(
            Image image,
            String name,
            String baseRef,
            DockerfileInput dockerfile,
            BaseOpener opener,
            List<Attestation> cosignAttestations)
            throws IOException {
        Provenance provenance = Provenance.of(image);
        List<Finding> findings = new ArrayList<>();
        dev.vouch.audit.LookAlikeNames.check(name).ifPresent(findings::add);
        HistoryAlignment.Result aligned = HistoryAlignment.align(image);
        BaseCheck base = base(image, provenance, baseRef, dockerfile, opener);
        if (base != null) {
            switch (base.status()) {
                case MISMATCH -> {
                    boolean declared = "annotation".equals(base.declaredBy()) || "label".equals(base.declaredBy());
                    findings.add(new Finding(
                            declared ? "TR002" : "TR001",
                            Severity.HIGH,
                            (declared
                                            ? "the declared base " + base.base()
                                                    + " does not match the image's layers: "
                                            : "the image is not built on " + base.base() + ": ")
                                    + base.reason(),
                            Location.image()));
                }
                case UNVERIFIABLE ->
                    findings.add(new Finding(
                            "TR008",
                            Severity.INFO,
                            "the base image cannot be verified: " + base.reason(),
                            Location.image()));
                case VERIFIED -> {}
            }
        }
        Reconciliation rec = null;
        if (dockerfile != null) {
            int baseEntries = base != null && base.status() == TraceStatus.VERIFIED && base.baseHistory() != null
                    ? base.baseHistory()
                    : -1;
            rec = Reconciler.reconcile(image.config(), aligned, dockerfile.model(), dockerfile.target(), baseEntries);
            findings.addAll(reconciliationFindings(rec, dockerfile.file(), image));
        }
        List<Attestation> attestations = new ArrayList<>(Attestations.buildKit(image));
        attestations.addAll(cosignAttestations);
        findings.addAll(attestationFindings(attestations, provenance, base));
        if (provenance.get("source") == null) {
            findings.add(new Finding(
                    "TR006",
                    Severity.LOW,
                    "no source repository (org.opencontainers.image.source): the image cannot be traced to code",
                    Location.image()));
        }
        if (provenance.get("revision") == null) {
            findings.add(new Finding(
                    "TR007",
                    Severity.LOW,
                    "no source revision (org.opencontainers.image.revision): the commit it was built from is unknown",
                    Location.image()));
        }
        return new TraceReport(name, image.digest().toString(), provenance, base, rec, attestations, findings);
    }

    private static final String UNREADABLE = "the base image could not be read: ";

    private static BaseCheck base(
            Image image, Provenance provenance, String baseRef, DockerfileInput dockerfile, BaseOpener opener) {
        String ref = baseRef;
        String declaredBy = baseRef == null ? null : "--base";
        if (ref == null && provenance.get("base.name") != null) {
            Provenance.Field f = provenance.fields().get("base.name");
            declaredBy = f.from().startsWith("annotation") ? "annotation" : "label";
            ref = f.value();
            String digest = provenance.get("base.digest");
            if (digest != null
                    && !ref.contains("@")
                    && !ref.contains(":/")
                    && !ref.startsWith("oci")
                    && !ref.startsWith("docker-archive:")) {
                ref = ref + "@" + digest;
            }
        }
        if (ref == null && dockerfile != null) {
            Stage root = rootStage(dockerfile);
            if (root.scratch()) {
                return new BaseCheck(TraceStatus.VERIFIED, "scratch", "Dockerfile", null, 0, null, 0);
            }
            if (!root.imageResolved()) {
                return new BaseCheck(
                        TraceStatus.UNVERIFIABLE,
                        root.image(),
                        "Dockerfile",
                        null,
                        null,
                        "the FROM image uses a build argument with no value (pass it with --build-arg)",
                        null);
            }
            ref = root.image();
            declaredBy = "Dockerfile";
        }
        if (ref == null) {
            return new BaseCheck(
                    TraceStatus.UNVERIFIABLE,
                    null,
                    null,
                    null,
                    null,
                    "no base declared (no --base, no org.opencontainers.image.base.name, no Dockerfile)",
                    null);
        }
        BaseCheck declared = open(image, ref, declaredBy, opener);
        if (declared.status() == TraceStatus.UNVERIFIABLE
                && declared.reason() != null
                && declared.reason().startsWith(UNREADABLE)
                && !"--base".equals(declaredBy)
                && !"Dockerfile".equals(declaredBy)
                && dockerfile != null) {
            // the builder's record names a base this machine cannot read (buildah records a local storage name for
            // a base it read from a layout): the Dockerfile's FROM is the other declaration to try
            Stage root = rootStage(dockerfile);
            if (!root.scratch() && root.imageResolved() && !root.image().equals(ref)) {
                BaseCheck fromDockerfile = open(image, root.image(), "Dockerfile", opener);
                if (fromDockerfile.status() != TraceStatus.UNVERIFIABLE) {
                    return fromDockerfile;
                }
            }
        }
        return declared;
    }

    /** The stage the built one rests on: the first of the chain from the target (or the last stage) down. */
    private static Stage rootStage(DockerfileInput dockerfile) {
        Stage target = dockerfile.target() != null
                ? dockerfile.target()
                : dockerfile.model().finalStage();
        return Reconciliation.chain(dockerfile.model(), target).get(0);
    }

    private static BaseCheck open(Image image, String ref, String declaredBy, BaseOpener opener) {
        Platform platform = image.config().platform();
        try (Image base = opener.open(ref, platform)) {
            return BaseVerification.compare(
                    image.config(),
                    base.config(),
                    ref,
                    declaredBy,
                    base.digest().toString());
        } catch (IOException | VouchException e) {
            return new BaseCheck(
                    TraceStatus.UNVERIFIABLE, ref, declaredBy, null, null, UNREADABLE + e.getMessage(), null);
        }
    }

    /**
     * TR009 an attestation for another image, TR013 a signed one no given key verifies, TR010 provenance naming
     * another source than the image's annotation, TR011 provenance materials without the verified base, TR012 none.
     */
    private static List<Finding> attestationFindings(List<Attestation> all, Provenance provenance, BaseCheck base) {
        List<Finding> out = new ArrayList<>();
        List<Attestation> provenanceOnes =
                all.stream().filter(Attestation::isProvenance).toList();
        for (Attestation a : all) {
            if (a.signature() != null && a.signature().startsWith("no given key verifies")) {
                out.add(new Finding(
                        "TR013",
                        Severity.HIGH,
                        a.source() + ": the attestation's signature does not verify with the given keys",
                        Location.image()));
            }
            if (a.isProvenance() && !a.subjectMatches()) {
                out.add(new Finding(
                        "TR009",
                        Severity.HIGH,
                        a.source() + ": the provenance is about another image (no subject is this digest)",
                        Location.image()));
            }
        }
        for (Attestation a : provenanceOnes) {
            String declared = provenance.get("source");
            if (declared != null && a.sourceRepository() != null && !sameRepository(declared, a.sourceRepository())) {
                out.add(new Finding(
                        "TR010",
                        Severity.MEDIUM,
                        a.source() + ": the provenance was built from " + a.sourceRepository() + ", the image declares "
                                + declared,
                        Location.image()));
            }
            if (base != null
                    && base.status() == TraceStatus.VERIFIED
                    && base.baseDigest() != null
                    && a.materials().stream().anyMatch(m -> m.startsWith("pkg:docker/"))
                    && a.materials().stream().noneMatch(m -> m.endsWith(base.baseDigest()))) {
                out.add(new Finding(
                        "TR011",
                        Severity.MEDIUM,
                        a.source() + ": the provenance's materials do not include the verified base "
                                + base.baseDigest(),
                        Location.image()));
            }
        }
        if (provenanceOnes.isEmpty()) {
            out.add(new Finding(
                    "TR012",
                    Severity.INFO,
                    "no provenance attestation (SLSA) was found for the image",
                    Location.image()));
        }
        return out;
    }

    /** Two source locations name the same repository: scheme, git+ prefix, .git suffix, @ref and #fragment aside. */
    public static boolean sameRepository(String a, String b) {
        return repoKey(a).equals(repoKey(b));
    }

    private static String repoKey(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        t = t.replaceFirst("^git\\+", "").replaceFirst("^[a-z]+://", "").replaceFirst("^git@([^:]+):", "$1/");
        int slash = Math.max(0, t.indexOf('/'));
        int cut = t.length();
        for (char c : new char[] {'@', '#', '?'}) {
            int i = t.indexOf(c, slash);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        t = t.substring(0, cut);
        t = t.endsWith(".git") ? t.substring(0, t.length() - 4) : t;
        return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
    }

    private static List<Finding> reconciliationFindings(Reconciliation rec, String file, Image image) {
        List<Finding> out = new ArrayList<>();
        if (rec.status() == TraceStatus.UNVERIFIABLE) {
            out.add(new Finding(
                    "TR008", Severity.INFO, "the Dockerfile cannot be reconciled: " + rec.reason(), Location.image()));
            return out;
        }
        for (Reconciliation.Entry e : rec.entries()) {
            if (e.state() == Reconciliation.EntryState.UNEXPLAINED) {
                Location at = e.layer() == null
                        ? Location.image()
                        : new Location(
                                e.layer(),
                                image.layers().get(e.layer()).descriptor().digest(),
                                image.layers().get(e.layer()).diffId(),
                                null);
                out.add(new Finding(
                        "TR003",
                        e.layer() == null ? Severity.MEDIUM : Severity.HIGH,
                        "history entry " + e.index() + (e.layer() == null ? "" : " (layer " + e.layer() + ")")
                                + " is not explained by " + file + ": " + shorten(e.createdBy()),
                        at));
            }
        }
        for (Reconciliation.InstructionState i : rec.instructions()) {
            if (!i.found() && !i.optional()) {
                out.add(new Finding(
                        "TR004",
                        Severity.MEDIUM,
                        i.keyword() + " is not in the image's history: " + i.text(),
                        Location.inFile(file, i.line(), i.line())));
            }
        }
        for (Reconciliation.ConfigFact f : rec.config()) {
            if (!f.agrees()) {
                out.add(new Finding(
                        "TR005",
                        Severity.MEDIUM,
                        f.name() + " is \"" + f.image() + "\" in the image, \"" + f.dockerfile() + "\" in " + file,
                        Location.inFile(file, f.line(), f.line())));
            }
        }
        return out;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "(no created_by)";
        }
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }
}
