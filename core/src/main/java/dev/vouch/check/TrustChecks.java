package dev.vouch.check;

import dev.vouch.audit.AuditOptions;
import dev.vouch.audit.DockerfileAudit;
import dev.vouch.audit.OfficialImages;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.image.EngineOrigin;
import dev.vouch.image.ImageConfig;
import dev.vouch.image.ImageRef;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import dev.vouch.sbom.Package;
import dev.vouch.secret.SecretFinding;
import dev.vouch.secret.SecretLike;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.trace.Reconciliation;
import dev.vouch.trace.RecordedStep;
import dev.vouch.trace.TraceReport;
import dev.vouch.vuln.Match;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnSeverity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns the checks' results into the five sections, the review queue and the verdict of a {@link TrustReport}. */
public final class TrustChecks {
    private static final Set<String> IDENTITY_IDS = Set.of("DF003", "LK001");

    private TrustChecks() {}

    public static TrustReport assemble(CheckInputs in) {
        Map<Integer, Integer> lineOfLayer = new TreeMap<>();
        Reconciliation rec = in.trace().reconciliation();
        if (rec != null && rec.status() == dev.vouch.trace.TraceStatus.VERIFIED) {
            rec.layers().forEach(l -> lineOfLayer.put(l.layer(), l.line()));
        }
        Section identity = identity(in);
        Section origin = origin(in);
        Section build = build(in);
        Section contents = contents(in, lineOfLayer);
        Section runtime = runtime(in.image().config());
        List<String> queue = reviewQueue(List.of(identity, origin, build, contents, runtime));
        String verdict = in.lockFinding() != null ? "integrity failed" : "no policy";
        return new TrustReport(
                in.reference(),
                in.image().digest().toString(),
                verdict,
                identity,
                origin,
                build,
                contents,
                runtime,
                queue,
                facts(in, List.of(identity, origin, build, contents, runtime)),
                List.of());
    }

    private static final String[] SECTION_NAMES = {"identity", "origin", "build", "contents", "runtime"};

    private static ReportFacts facts(CheckInputs in, List<Section> sections) {
        ImageConfig.RunConfig rc = in.image().config().config();
        String user = rc.user() == null ? "" : rc.user();
        List<ReportFacts.Signature> sigs = new ArrayList<>();
        if (in.signatures() != null) {
            in.signatures()
                    .forEach(c ->
                            sigs.add(new ReportFacts.Signature(c.valid(), c.kind(), c.key(), c.source(), c.reason())));
        }
        SignatureCheck dct = in.contentTrust();
        if (dct != null) {
            sigs.add(new ReportFacts.Signature(dct.valid(), dct.kind(), dct.key(), dct.source(), dct.reason()));
        }
        if (in.notation() != null) {
            in.notation()
                    .forEach(c ->
                            sigs.add(new ReportFacts.Signature(c.valid(), c.kind(), c.key(), c.source(), c.reason())));
        }
        var b = in.trace().base();
        ReportFacts.Base base = b == null
                ? new ReportFacts.Base("NONE", null, null, false)
                : new ReportFacts.Base(
                        b.status().name(),
                        b.base(),
                        b.baseDigest(),
                        b.base() != null && b.base().contains("@sha256:"));
        Map<String, String> provenance = new LinkedHashMap<>();
        in.trace().provenance().fields().forEach((k, v) -> provenance.put(k, v.value()));
        List<ReportFacts.Vulnerability> vulns = vulnerabilityFacts(in.scan());
        List<ReportFacts.Secret> secrets = new ArrayList<>();
        for (SecretFinding f : in.secrets()) {
            secrets.add(new ReportFacts.Secret(
                    f.id(),
                    f.severity().name().toLowerCase(java.util.Locale.ROOT),
                    f.layer() < 0 ? f.source() + " " + f.path() : "/" + f.path(),
                    f.layer(),
                    f.remnant()));
        }
        List<ReportFacts.FindingFact> findings = findingFacts(sections);
        boolean pinned = ImageRef.isReference(in.reference())
                && !in.reference().startsWith("oci")
                && ImageRef.parse(in.reference()).digest() != null;
        boolean root = user.isEmpty()
                || user.equals("root")
                || user.equals("0")
                || user.startsWith("0:")
                || user.startsWith("root:");
        return new ReportFacts(
                new ReportFacts.User(user, root),
                pinned,
                in.signatures() != null || in.contentTrust() != null || in.notation() != null,
                sigs,
                base,
                provenance,
                in.trace().attestations().size(),
                in.scan() != null,
                vulns,
                secrets,
                in.hardening().shells(),
                in.hardening().packageManagers(),
                findings);
    }

    private static Section identity(CheckInputs in) {
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        boolean ran = true;
        facts.add("digest " + in.image().digest());
        String ref = in.reference();
        if (ImageRef.isReference(ref) && !ref.startsWith("oci")) {
            ImageRef r = ImageRef.parse(ref);
            facts.add("reference " + r.normalized());
            if (r.digest() == null) {
                facts.add("named by tag " + r.tag() + ": a tag can move; pin the digest");
                if ("latest".equals(r.tag())) {
                    findings.add(new Finding(
                            "CK001",
                            Severity.LOW,
                            "the tag 'latest' names whatever was pushed last",
                            Location.image()));
                }
            } else {
                facts.add("pinned by digest");
            }
        } else {
            facts.add("read from " + ref);
        }
        facts.add(in.image().layers().size() + " layer(s): every blob and diff_id digest-checked while read");
        List<String> stored = in.walk().scans().stream()
                .filter(dev.vouch.layer.LayerScan::fromStore)
                .map(s -> Integer.toString(s.layer().index()))
                .toList();
        if (!stored.isEmpty()) {
            facts.add(storedLayersFact(stored));
        }
        if (in.image().engine() != null) {
            engineFacts(in.image().engine(), facts, findings);
        }
        in.trace().findings().stream()
                .filter(f -> IDENTITY_IDS.contains(f.id()))
                .forEach(findings::add);
        if (in.lockFinding() != null) {
            findings.add(in.lockFinding());
        }
        SignatureCheck dct = in.contentTrust();
        if (dct != null && dct.valid()) {
            facts.add(
                    "Docker Content Trust: " + dct.dockerReference() + " signed in " + dct.source() + ", " + dct.key());
        } else if (dct != null) {
            findings.add(
                    new Finding("CK004", Severity.HIGH, "Docker Content Trust: " + dct.reason(), Location.image()));
        }
        if (in.notation() != null) {
            if (in.notation().stream().anyMatch(SignatureCheck::valid)) {
                in.notation().stream()
                        .filter(SignatureCheck::valid)
                        .forEach(s -> facts.add("Notation: signed by " + s.key().substring("notation ".length())));
            } else {
                findings.add(new Finding(
                        "CK005",
                        Severity.HIGH,
                        "Notation: " + noValidSignature(in.notation(), "this image"),
                        Location.image()));
            }
        }
        if (in.signatures() == null) {
            if (dct == null && in.notation() == null) {
                facts.add("signatures not checked: no --key or --certificate-identity given");
                ran = false;
            }
        } else if (in.signatures().stream().anyMatch(SignatureCheck::valid)) {
            in.signatures().stream().filter(SignatureCheck::valid).forEach(s -> facts.add("signed by " + s.key()));
        } else {
            findings.add(new Finding(
                    "CK002", Severity.HIGH, noValidSignature(in.signatures(), "this digest"), Location.image()));
        }
        return new Section("Is it what I asked for?", Section.judge(findings, ran), facts, findings);
    }

    /** Why none of {@code checks} counts: none found for {@code what}, or each one's reason. */
    private static String noValidSignature(List<SignatureCheck> checks, String what) {
        return checks.isEmpty()
                ? "no signature found for " + what
                : "no valid signature: "
                        + String.join(
                                "; ",
                                checks.stream().map(SignatureCheck::reason).toList());
    }

    /** Where a local engine's image came from, and whether the registry's tag still names the copy it holds. */
    /** Says which layers were not read again (the one fact a check with stored layer results adds). */
    public static String storedLayersFact(List<String> layers) {
        return "layer(s) " + String.join(", ", layers) + " not read again: their results were stored by an earlier"
                + " read that verified the same blob and diff_id (--no-cache reads every layer)";
    }

    private static void engineFacts(EngineOrigin e, List<String> facts, List<Finding> findings) {
        facts.add("read from the " + e.engine() + " engine at " + e.endpoint() + ", image id " + e.imageId()
                + " (the exported config is that id)");
        if (e.localBuild()) {
            facts.add("a local build: the engine records no registry digest, so no registry has served or signed"
                    + " these bytes");
            return;
        }
        e.repoDigests().forEach(d -> facts.add("the engine pulled or pushed it as " + d));
        EngineOrigin.RegistryComparison c = e.registry();
        if (c == null) {
            return;
        }
        if (c.digest() == null) {
            facts.add("the registry was not asked what " + c.reference() + " names now: " + c.note());
        } else if (c.matches()) {
            facts.add("the registry's tag " + c.reference() + " still names " + c.digest());
        } else {
            findings.add(new Finding(
                    "CK003",
                    Severity.MEDIUM,
                    "the registry's tag " + c.reference() + " now names " + c.digest()
                            + ", not the copy the engine holds (pulled as " + String.join(", ", e.repoDigests())
                            + "): pull again, or name the digest you mean",
                    Location.image()));
        }
    }

    private static Section origin(CheckInputs in) {
        TraceReport t = in.trace();
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String ref = in.reference();
        EngineOrigin engine = in.image().engine();
        if (engine != null && engine.localBuild()) {
            facts.add("a local build in the " + engine.engine() + " engine: no registry names it");
        } else if (ImageRef.isReference(ref) && !ref.startsWith("oci")) {
            ImageRef r = ImageRef.parse(ref);
            boolean official = r.domain().equals(ImageRef.DOCKER_HUB)
                    && r.path().startsWith("library/")
                    && OfficialImages.names().contains(r.path().substring(8));
            facts.add(r.domain() + (official ? ": a Docker official image" : ": not a Docker official image") + " ("
                    + r.path() + ")");
        }
        t.provenance().fields().forEach((k, v) -> facts.add(k + " " + v.value() + " (" + v.from() + ")"));
        if (t.base() != null) {
            facts.add("base image " + t.base().status()
                    + (t.base().base() == null ? "" : " " + t.base().base())
                    + (t.base().reason() == null ? "" : ": " + t.base().reason()));
        }
        t.attestations()
                .forEach(a -> facts.add(
                        "attestation " + a.predicateType() + (a.builderId() == null ? "" : " by " + a.builderId())));
        for (Finding f : t.findings()) {
            if (!IDENTITY_IDS.contains(f.id())
                    && !Set.of("TR003", "TR004", "TR005").contains(f.id())
                    && !(f.id().equals("TR008") && f.message().startsWith("the Dockerfile"))) {
                findings.add(f);
            }
        }
        boolean ran = t.base() != null && t.base().status() != dev.vouch.trace.TraceStatus.UNVERIFIABLE;
        SectionStatus status = Section.judge(findings, ran);
        // nothing at all is known of the origin: no verifiable base, no provenance, no attestation
        if (!ran && t.provenance().fields().isEmpty() && t.attestations().isEmpty() && status != SectionStatus.FAILED) {
            status = SectionStatus.UNKNOWN;
        }
        return new Section("Who made it and from what?", status, facts, findings);
    }

    private static Section build(CheckInputs in) {
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Reconciliation rec = in.trace().reconciliation();
        if (in.audit() != null) {
            facts.add("Dockerfile " + in.dockerfile() + ": "
                    + in.audit().findings().size() + " finding(s)");
            findings.addAll(in.audit().findings().stream()
                    .filter(f -> f.severity() != Severity.INFO)
                    .toList());
            if (rec != null) {
                facts.add("reconciled with the history: " + rec.status()
                        + (rec.reason() == null ? "" : " (" + rec.reason() + ")"));
            }
            in.trace().findings().stream()
                    .filter(f -> Set.of("TR003", "TR004", "TR005").contains(f.id()))
                    .forEach(findings::add);
            return new Section(
                    "How was it built?",
                    Section.judge(findings, rec != null && rec.status() != dev.vouch.trace.TraceStatus.UNVERIFIABLE),
                    facts,
                    findings);
        }
        facts.add("no Dockerfile given: the history's RUN commands were audited with the Dockerfile rules instead");
        findings.addAll(historyAudit(in.image().config()));
        SectionStatus status = Section.judge(findings, false);
        if (in.image().config().history().isEmpty() && status != SectionStatus.FAILED) {
            facts.add("the image has no history either: nothing says how it was built");
            status = SectionStatus.UNKNOWN;
        }
        return new Section("How was it built?", status, facts, findings);
    }

    /** The trust rules (DF001-DF099) on the RUN commands the history recorded, each named by its history entry. */
    private static List<Finding> historyAudit(ImageConfig config) {
        List<Finding> out = new ArrayList<>();
        List<ImageConfig.History> history = config.history();
        for (int i = 0; i < history.size(); i++) {
            RecordedStep step = RecordedStep.of(history.get(i).createdBy());
            if (!"RUN".equals(step.keyword()) || step.text().isBlank()) {
                continue;
            }
            String text = "FROM scratch\nRUN " + step.text().replace("\n", " ") + "\n";
            DockerfileAudit.Result r = DockerfileAudit.audit(
                    DockerfileParser.parse(text, "history entry " + i), new AuditOptions(Map.of(), Set.of(), Set.of()));
            for (Finding f : r.findings()) {
                // the command-level trust rules; the synthetic file's FROM and missing USER say nothing of the image
                if (f.id().startsWith("DF0")
                        && !Set.of("DF000", "DF001", "DF011").contains(f.id())) {
                    out.add(new Finding(
                            f.id(), f.severity(), "history entry " + i + ": " + f.message(), Location.image()));
                }
            }
        }
        return out;
    }

    private static Section contents(CheckInputs in, Map<Integer, Integer> lineOfLayer) {
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> byType = new TreeMap<>();
        for (Package p : in.sbom().packages()) {
            byType.merge(p.type().purlType(), 1, Integer::sum);
        }
        facts.add(in.sbom().packages().size() + " package(s)" + (byType.isEmpty() ? "" : " " + byType));
        boolean ran = vulnerabilities(in.scan(), in.noScanReason(), lineOfLayer, facts, findings);
        for (SecretFinding s : in.secrets()) {
            findings.add(new Finding(
                    s.id(),
                    s.severity(),
                    s.layer() < 0
                            ? s.title() + ": " + s.path() + " (in the image config, " + s.source() + ")"
                            : (s.remnant() ? "deleted in a later layer but still shipped: " : "") + s.title() + " at /"
                                    + s.path() + where(s.layer(), lineOfLayer),
                    Location.image()));
        }
        facts.add(in.secrets().size() + " secret(s)"
                + (in.secrets().stream().anyMatch(SecretFinding::remnant)
                        ? ", some only deleted in a later layer"
                        : ""));
        var h = in.hardening();
        facts.add("shells: " + (h.shells().isEmpty() ? "none" : String.join(" ", h.shells())));
        facts.add("package managers: "
                + (h.packageManagers().isEmpty() ? "none" : String.join(" ", h.packageManagers())));
        // setuid files the base image brought are facts (the base is judged on its own); the image's own are findings
        Integer baseLayers =
                in.trace().base() != null && in.trace().base().status() == dev.vouch.trace.TraceStatus.VERIFIED
                        ? in.trace().base().baseLayers()
                        : null;
        List<String> fromBase = new ArrayList<>();
        for (var node : in.walk().setuidOrSetgid()) {
            if (baseLayers != null && node.layer() < baseLayers) {
                fromBase.add("/" + node.path());
            } else {
                findings.add(new Finding(
                        "CK010",
                        Severity.MEDIUM,
                        "setuid/setgid file /" + node.path() + where(node.layer(), lineOfLayer),
                        Location.image()));
            }
        }
        if (!fromBase.isEmpty()) {
            facts.add(fromBase.size() + " setuid/setgid file(s) from the verified base image: "
                    + String.join(" ", fromBase));
        }
        for (String f : h.rootOwnedWorldWritable()) {
            findings.add(new Finding(
                    "CK011", Severity.MEDIUM, "root-owned and writable by anyone: /" + f, Location.image()));
        }
        for (String u : h.emptyPasswords()) {
            findings.add(
                    new Finding("CK012", Severity.HIGH, "account " + u + " has an empty password", Location.image()));
        }
        var e = in.walk().efficiency();
        facts.add(String.format(
                "efficiency %.2f, %d bytes wasted by files rewritten in later layers", e.score(), e.wastedBytes()));
        return new Section("What is inside?", Section.judge(findings, ran), facts, findings);
    }

    /** Adds the vulnerability facts and the findings of fixable high and critical ones; false when none were checked. */
    private static boolean vulnerabilities(
            ScanResult scan,
            String noScanReason,
            Map<Integer, Integer> lineOfLayer,
            List<String> facts,
            List<Finding> findings) {
        if (scan == null) {
            facts.add(NOT_CHECKED + noScanReason);
            return false;
        }
        Map<VulnSeverity, Integer> sev = new LinkedHashMap<>();
        long fixable = 0;
        for (Match m : scan.matches()) {
            sev.merge(m.severity(), 1, Integer::sum);
            fixable += m.fixAvailable() ? 1 : 0;
            if ((m.severity() == VulnSeverity.CRITICAL || m.severity() == VulnSeverity.HIGH) && m.fixAvailable()) {
                findings.add(new Finding(
                        m.id(),
                        m.severity() == VulnSeverity.CRITICAL ? Severity.CRITICAL : Severity.HIGH,
                        m.packageName() + " " + m.version() + AFFECTED + m.fixedVersion()
                                + where(m.layer(), lineOfLayer),
                        Location.image()));
            }
        }
        facts.add(scan.matches().size() + " vulnerabilit" + (scan.matches().size() == 1 ? "y" : "ies") + " " + sev
                + ", " + fixable + " fixable; " + scan.packagesAssessed() + " package(s) assessed");
        scan.notAssessed().forEach(n -> facts.add(NOT_ASSESSED + n.reason() + " (" + n.packages() + ")"));
        return true;
    }

    private static final String NOT_CHECKED = "vulnerabilities not checked: ";
    private static final String NOT_ASSESSED = "not assessed: ";
    private static final String AFFECTED = " is affected; fixed in ";
    private static final java.util.regex.Pattern COUNT_FACT =
            java.util.regex.Pattern.compile("\\d+ vulnerabilit(y|ies) .*");

    private static List<ReportFacts.Vulnerability> vulnerabilityFacts(ScanResult scan) {
        List<ReportFacts.Vulnerability> vulns = new ArrayList<>();
        if (scan != null) {
            for (Match m : scan.matches()) {
                vulns.add(new ReportFacts.Vulnerability(
                        m.id(),
                        m.packageName(),
                        m.version(),
                        m.severity().name().toLowerCase(java.util.Locale.ROOT),
                        m.fixAvailable(),
                        m.fixedVersion()));
            }
        }
        return vulns;
    }

    private static List<ReportFacts.FindingFact> findingFacts(List<Section> sections) {
        List<ReportFacts.FindingFact> findings = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            for (Finding f : sections.get(i).findings()) {
                findings.add(new ReportFacts.FindingFact(
                        f.id(), f.severity().name().toLowerCase(java.util.Locale.ROOT), SECTION_NAMES[i], f.message()));
            }
        }
        return findings;
    }

    private static List<String> reviewQueue(List<Section> sections) {
        return sections.stream()
                .flatMap(s -> s.findings().stream())
                .filter(f -> f.severity() != Severity.INFO)
                .sorted(Comparator.comparing(Finding::severity))
                .map(f -> f.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + f.oneLine())
                .toList();
    }

    /**
     * A stored report with its vulnerabilities matched again (after new advisories arrived), without reading the
     * image again: the contents section's vulnerability facts and findings, the facts a policy reads and the review
     * queue are replaced; the verdict goes back to {@code no policy} (unless integrity failed) for a policy to decide
     * again. The new findings name their layer, and the Dockerfile line of the layer when the check's reconciliation
     * had one (kept by the {@link HtmlModel#lineOfLayer() HTML report's model}).
     *
     * @param lineOfLayer the Dockerfile line that made each layer, by layer index (empty when unknown)
     */
    public static TrustReport rescanned(TrustReport r, ScanResult scan, Map<Integer, Integer> lineOfLayer) {
        Section old = r.contents();
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        vulnerabilities(scan, null, lineOfLayer, facts, findings);
        List<String> kept = new ArrayList<>();
        for (String f : old.facts()) {
            if (f.startsWith(NOT_CHECKED)
                    || f.startsWith(NOT_ASSESSED)
                    || COUNT_FACT.matcher(f).matches()) {
                continue;
            }
            kept.add(f);
        }
        kept.addAll(Math.min(1, kept.size()), facts); // after the package count
        Set<String> oldIds = new java.util.HashSet<>();
        r.facts().vulnerabilities().forEach(v -> oldIds.add(v.id()));
        findings.addAll(old.findings().stream()
                .filter(f -> !(oldIds.contains(f.id()) && f.message().contains(AFFECTED)))
                .toList());
        // the vulnerability check is the only one of this section that may not have run: now it has
        Section contents = new Section(old.question(), Section.judge(findings, true), kept, findings);
        List<Section> sections = List.of(r.identity(), r.origin(), r.build(), contents, r.runtime());
        ReportFacts f = r.facts();
        ReportFacts facts2 = new ReportFacts(
                f.user(),
                f.digestPinned(),
                f.signaturesChecked(),
                f.signatures(),
                f.base(),
                f.provenance(),
                f.attestations(),
                true,
                vulnerabilityFacts(scan),
                f.secrets(),
                f.shells(),
                f.packageManagers(),
                findingFacts(sections));
        return new TrustReport(
                r.image(),
                r.digest(),
                r.verdict().equals("integrity failed") ? r.verdict() : "no policy",
                r.identity(),
                r.origin(),
                r.build(),
                contents,
                r.runtime(),
                reviewQueue(sections),
                facts2,
                List.of());
    }

    private static String where(int layer, Map<Integer, Integer> lineOfLayer) {
        Integer line = lineOfLayer.get(layer);
        return " (layer " + layer + (line == null ? "" : ", Dockerfile line " + line) + ")";
    }

    private static Section runtime(ImageConfig config) {
        ImageConfig.RunConfig rc = config.config();
        List<String> facts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String user = rc.user() == null || rc.user().isBlank() ? "" : rc.user();
        boolean root = user.isEmpty()
                || user.equals("root")
                || user.equals("0")
                || user.startsWith("0:")
                || user.startsWith("root:");
        facts.add("user " + (user.isEmpty() ? "(none: root)" : user));
        if (root) {
            findings.add(new Finding("CK020", Severity.MEDIUM, "runs as root", Location.image()));
        }
        facts.add("entrypoint " + rc.entrypoint() + ", cmd " + rc.cmd());
        if (!rc.exposedPorts().isEmpty()) {
            facts.add("exposes "
                    + String.join(" ", new java.util.TreeSet<>(rc.exposedPorts().keySet())));
        }
        if (!rc.volumes().isEmpty()) {
            facts.add("volumes "
                    + String.join(" ", new java.util.TreeSet<>(rc.volumes().keySet())));
        }
        if (rc.healthcheck() == null || rc.healthcheck().test().isEmpty()) {
            facts.add("no healthcheck");
        } else {
            facts.add("healthcheck " + rc.healthcheck().test());
        }
        for (String kv : rc.env()) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : kv.substring(eq + 1);
            facts.add("env " + k + "=" + (SecretLike.envLooksSecret(k, v) ? SecretLike.mask(v) : v));
        }
        return new Section("What will it run as?", Section.judge(findings, true), facts, findings);
    }
}
