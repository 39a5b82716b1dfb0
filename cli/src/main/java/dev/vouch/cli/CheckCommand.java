package dev.vouch.cli;

import dev.vouch.audit.AuditOptions;
import dev.vouch.audit.DockerfileAudit;
import dev.vouch.check.CheckInputs;
import dev.vouch.check.Section;
import dev.vouch.check.TrustChecks;
import dev.vouch.check.TrustReport;
import dev.vouch.error.InvalidInputException;
import dev.vouch.fs.WalkResult;
import dev.vouch.hardening.HardeningAnalyzer;
import dev.vouch.image.Image;
import dev.vouch.image.ImageRef;
import dev.vouch.registry.RegistryClient;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.report.Finding;
import dev.vouch.sbom.Catalog;
import dev.vouch.sbom.Sbom;
import dev.vouch.secret.SecretScanner;
import dev.vouch.sign.SignatureCheck;
import dev.vouch.sign.SignatureVerifier;
import dev.vouch.source.ImageSources;
import dev.vouch.trace.TraceReport;
import dev.vouch.trace.Tracer;
import dev.vouch.vuln.ScanResult;
import dev.vouch.vuln.VulnDatabase;
import dev.vouch.vuln.VulnMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch check}: every check that applies, one trust report. */
@Command(
        name = "check",
        description = "One trust report for an image: is it what you asked for (digest, tag, look-alike name,"
                + " signatures, lock), who made it (registry, provenance, base image), how it was built (the"
                + " Dockerfile audit and its reconciliation with the history, or the history audited), what is inside"
                + " (packages, vulnerabilities, secrets, setuid files, shells), what it will run as; then the review"
                + " queue and the verdict. Checks that cannot run say so.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    enum Format {
        text,
        json,
        sarif,
        html,
        cyclonedx
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description =
                    "text, json, sarif, html (one self-contained file) or cyclonedx (the SBOM with its vulnerabilities); default: text.")
    Format format;

    @Mixin
    BuildOptions build;

    @Option(names = "--key", paramLabel = "FILE", description = "A public key signatures must verify with; repeatable.")
    List<String> keys = new ArrayList<>();

    @Mixin
    IdentityFlags keyless;

    @Option(names = "--lock", paramLabel = "FILE", description = "A lock file (vouch lock) the tag must still match.")
    Path lock;

    @Mixin
    DbOption db;

    @Option(
            names = "--osv",
            paramLabel = "PATH",
            description = "OSV records (a directory or all.zip) to check against for this run only, in a temporary"
                    + " database, instead of --db: for a demo or a one-off data set.")
    List<Path> osv = new ArrayList<>();

    @Option(
            names = "--policy",
            paramLabel = "baseline|strict|FILE",
            description = "Decide with a policy: exit 1 when a deny rule does not hold (see docs/policy.md).")
    String policy;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write the report here (atomically).")
    Path outputFile;

    @Option(
            names = "--verbose",
            description = "Every finding and fact in full (the text report otherwise fits 80 columns).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Colour only on a terminal, and never with NO_COLOR set (https://no-color.org). */
    private boolean colour(Main.Context context) {
        return outputFile == null && System.console() != null && !context.env().containsKey("NO_COLOR");
    }

    @Override
    public Integer call() throws Exception {
        Examined done = examine(false);
        TrustReport report = done.report();
        String rendered = done.rendered();
        if (outputFile != null) {
            AtomicFiles.write(outputFile, rendered);
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        return report.verdict().equals("integrity failed") || report.verdict().equals("fail")
                ? Main.CHECK_FAILED
                : Main.OK;
    }

    /** For {@code vouch serve}: the report with the SBOM (CycloneDX) and the HTML report, as this command's options say. */
    dev.vouch.server.work.ImageChecker.Checked forServer() throws Exception {
        Examined done = examine(true);
        return new dev.vouch.server.work.ImageChecker.Checked(done.report(), done.sbom(), done.html(), done.page());
    }

    private Examined examine(boolean everything) throws Exception {
        Main.Context context = Main.Context.of(spec);
        // a broken policy is an error before any work
        dev.vouch.policy.PolicyEngine engine = policy == null ? null : dev.vouch.policy.Policies.load(policy);
        BuildOptions.Loaded loaded = build.load(context, false);
        Tracer.DockerfileInput df = loaded == null ? null : loaded.input();
        DockerfileAudit.Result audit = loaded == null
                ? null
                : DockerfileAudit.audit(
                        loaded.parsed(),
                        new AuditOptions(
                                DockerfileInput.buildArgs(build.buildArgs),
                                new LinkedHashSet<>(),
                                new LinkedHashSet<>()));
        List<SignatureVerifier.NamedKey> named = new ArrayList<>();
        for (String k : keys) {
            named.add(KeyFiles.publicKey(k));
        }
        RegistryOptions registry = options.registry.build(context);
        Catalog catalog = Catalog.standard();
        SecretScanner secrets = new SecretScanner();
        HardeningAnalyzer hardening = new HardeningAnalyzer();
        Examined done = ImageWalks.walk(
                options,
                spec,
                List.of(catalog, secrets, hardening),
                (image, walk) -> examine(
                        image,
                        walk,
                        catalog,
                        secrets,
                        hardening,
                        df,
                        audit,
                        named,
                        registry,
                        engine,
                        context,
                        everything));
        return done;
    }

    /**
     * The report, and the requested format rendered, made while the walked image is still open; with everything, the
     * SBOM and the HTML report too.
     */
    private record Examined(
            TrustReport report, String rendered, String sbom, String html, dev.vouch.check.HtmlModel page) {}

    private Examined examine(
            Image image,
            WalkResult walk,
            Catalog catalog,
            SecretScanner secrets,
            HardeningAnalyzer hardening,
            Tracer.DockerfileInput df,
            DockerfileAudit.Result audit,
            List<SignatureVerifier.NamedKey> named,
            RegistryOptions registry,
            dev.vouch.policy.PolicyEngine engine,
            Main.Context context,
            boolean everything)
            throws Exception {
        Sbom sbom = catalog.finish(options.image, image, walk);
        TraceReport trace = Tracer.trace(
                image,
                options.image,
                build.base,
                df,
                (ref, platform) -> ImageSources.open(ref, platform, registry),
                TraceCommand.cosignAttestations(options.image, image, registry, named, keyless));
        List<SignatureCheck> signatures = null;
        Finding moved = null;
        boolean onRegistry = ImageRef.isReference(options.image)
                && !options.image.startsWith("oci")
                && !Files.exists(Path.of(options.image));
        if (onRegistry && (!named.isEmpty() || keyless.given() || lock != null)) {
            ImageRef ref =
                    ImageRef.parse(options.image.startsWith("docker://") ? options.image.substring(9) : options.image);
            RegistryClient client = RegistryClient.forRepository(ref, registry);
            dev.vouch.image.Digest top = References.digest(client, ref);
            if (!named.isEmpty() || keyless.given()) {
                signatures = dev.vouch.sign.ImageSignatures.check(
                        client,
                        ref,
                        top,
                        named,
                        keyless.given() ? keyless.policy() : null,
                        keyless.given() ? keyless.root() : null);
            }
            if (lock != null) {
                var entry = dev.vouch.lock.LockFile.read(lock).entry(ref.normalized());
                if (entry.isEmpty()) {
                    throw new InvalidInputException(lock + ": " + ref.normalized() + " is not locked there");
                }
                moved = dev.vouch.lock.LockFile.moved(entry.get(), top.toString(), lock.toString())
                        .orElse(null);
            }
        } else if (!named.isEmpty() || keyless.given()) {
            signatures = List.of(); // a local image has no registry signatures: none found
        }
        ScanResult scan = null;
        String noScan = null;
        if (!osv.isEmpty()) {
            // a database for this run only, removed whatever happens
            Path tempDir = Files.createTempDirectory("vouch-osv-");
            try {
                Path dbFile = tempDir.resolve("osv.sqlite");
                try (VulnDatabase d = VulnDatabase.open(dbFile)) {
                    d.importPaths(osv);
                    scan = VulnMatcher.match(sbom, d);
                }
            } finally {
                try (var files = Files.walk(tempDir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        } else {
            Path dbFile = db.file(context);
            if (!Files.exists(dbFile)) {
                noScan = "no vulnerability database at " + dbFile + " (vouch db import PATH or vouch db update)";
            } else {
                try (VulnDatabase d = VulnDatabase.open(dbFile)) {
                    scan = VulnMatcher.match(sbom, d);
                }
            }
        }
        TrustReport report = TrustChecks.assemble(new CheckInputs(
                options.image,
                image,
                walk,
                sbom,
                secrets.findings(walk, image.config()),
                hardening.facts(walk),
                trace,
                signatures,
                audit,
                build.dockerfile,
                scan,
                noScan,
                moved));
        if (engine != null) {
            report = dev.vouch.policy.Policies.apply(engine, report);
        }
        dev.vouch.check.HtmlModel html =
                format == Format.html || everything ? HtmlReport.model(report, image, walk, sbom, trace, scan) : null;
        String bom = null;
        if (format == Format.cyclonedx) {
            // the SBOM with the vulnerabilities (none when there was no database: said on stderr)
            if (scan == null) {
                spec.commandLine().getErr().println("vouch: warning: " + noScan);
            }
            bom = dev.vouch.vuln.VulnCycloneDx.json(
                    sbom, scan == null ? new ScanResult(List.of(), List.of(), List.of(), 0) : scan, Version.number());
        }
        String rendered = switch (format) {
            case json -> dev.vouch.io.Json.writer().writeValueAsString(report) + "\n";
            case sarif -> dev.vouch.io.Json.writer().writeValueAsString(Sarif.checkLog(report)) + "\n";
            case html -> HtmlReport.render(html);
            case cyclonedx -> bom + "\n";
            case text -> text(report, verbose, colour(context));
        };
        return everything
                ? new Examined(
                        report,
                        rendered,
                        dev.vouch.sbom.CycloneDx.json(sbom, Version.number()),
                        format == Format.html ? rendered : HtmlReport.render(html),
                        html)
                : new Examined(report, rendered, null, null, null);
    }

    /** The terminal report: the verdict first, 80 columns, at most 8 findings per section unless --verbose. */
    static String text(TrustReport r, boolean verbose, boolean colour) {
        TextStyle t = new TextStyle(verbose ? Integer.MAX_VALUE : 80, colour);
        StringBuilder b = new StringBuilder();
        b.append(t.cut(r.image())).append('\n');
        String v = "verdict: " + r.verdict();
        b.append(
                        switch (r.verdict()) {
                            case "pass" -> t.green(v);
                            case "fail", "integrity failed" -> t.red(v);
                            default -> t.bold(v);
                        })
                .append('\n');
        int most = verbose ? Integer.MAX_VALUE : 8;
        for (Section s : r.sections()) {
            String status = "[" + s.status().name().replace('_', ' ').toLowerCase(Locale.ROOT) + "]";
            String painted = switch (s.status()) {
                case VERIFIED -> t.green(status);
                case FAILED -> t.red(status);
                case NEEDS_REVIEW -> t.yellow(status);
                case UNKNOWN -> status;
            };
            b.append('\n').append(painted).append(" ".repeat(Math.max(1, 15 - status.length())));
            b.append(t.cut(s.question(), 80 - 15)).append('\n');
            for (String f : s.facts()) {
                b.append(t.cut("  " + f)).append('\n');
            }
            int n = 0;
            for (Finding f : s.findings()) {
                if (n++ == most) {
                    b.append("  … ").append(s.findings().size() - most).append(" more (--verbose)\n");
                    break;
                }
                String sev = f.severity().name().toLowerCase(Locale.ROOT);
                String line = t.cut("  ! " + sev + " " + f.oneLine());
                b.append(f.severity().ordinal() <= 1 ? line.replaceFirst(sev, t.red(sev)) : line)
                        .append('\n');
            }
        }
        if (!r.policy().isEmpty()) {
            b.append("\npolicy:\n");
            for (TrustReport.RuleOutcome o : r.policy()) {
                String head =
                        o.passed() ? t.green("pass") : o.severity().equals("deny") ? t.red("FAIL") : t.yellow("warn");
                b.append("  ")
                        .append(head)
                        .append("  ")
                        .append(t.cut(o.id() + (o.passed() ? "" : ": " + o.message()), 80 - 8))
                        .append('\n');
                if (!o.passed() && o.evidence() != null) {
                    b.append(t.cut("        evidence: " + o.evidence())).append('\n');
                }
            }
        }
        if (!r.reviewQueue().isEmpty()) {
            b.append("\nreview queue (").append(r.reviewQueue().size()).append("):\n");
            int n = 1;
            for (String q : r.reviewQueue()) {
                if (!verbose && n > most + 2) {
                    b.append("  … ").append(r.reviewQueue().size() - n + 1).append(" more (--verbose)\n");
                    break;
                }
                b.append(t.cut(String.format("  %2d. [ ] %s", n++, q))).append('\n');
            }
        }
        return b.toString();
    }
}
