package dev.vouch.cli;

import dev.vouch.check.render.Wrap;
import dev.vouch.image.Image;
import dev.vouch.registry.RegistryOptions;
import dev.vouch.report.Finding;
import dev.vouch.report.Severity;
import dev.vouch.source.ImageSources;
import dev.vouch.trace.BaseCheck;
import dev.vouch.trace.Provenance;
import dev.vouch.trace.Reconciliation;
import dev.vouch.trace.TraceReport;
import dev.vouch.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vouch trace}: how an image was made, proven or not. */
@Command(
        name = "trace",
        description = "Traces an image to its making: the origin it declares (source, revision, base), whether it"
                + " is really built on its base image (layers and history an exact prefix), and with --dockerfile"
                + " whether its history is that Dockerfile's, line by line. Exit 1 when something does not match.")
final class TraceCommand implements Callable<Integer> {
    @Mixin
    ImageOptions options;

    @Mixin
    TextOrJson output;

    @Mixin
    BuildOptions build;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "A public key to check cosign attestation signatures with; repeatable.")
    List<String> keys = new ArrayList<>();

    @Mixin
    IdentityFlags keyless;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Main.Context context = Main.Context.of(spec);
        BuildOptions.Loaded loaded = build.load(context, true);
        Tracer.DockerfileInput df = loaded == null ? null : loaded.input();
        List<dev.vouch.sign.SignatureVerifier.NamedKey> named = new ArrayList<>();
        for (String k : keys) {
            named.add(KeyFiles.publicKey(k));
        }
        RegistryOptions registry = options.registry.build(context);
        TraceReport report;
        try (Image image = options.open(context)) {
            report = Tracer.trace(
                    image,
                    options.image,
                    build.base,
                    df,
                    (ref, platform) -> ImageSources.open(ref, platform, registry),
                    cosignAttestations(options.image, image, registry, named, keyless, context));
        }
        int width = Terminal.width(context);
        ReportOutput.print(spec.commandLine().getOut(), output.format, report, r -> text(r, width));
        boolean failed = report.findings().stream()
                .anyMatch(f -> f.severity() == Severity.HIGH || f.severity() == Severity.CRITICAL);
        return failed ? Main.CHECK_FAILED : Main.OK;
    }

    /** cosign's attestations of a registry image: .att envelopes and bundles attached as referrers. */
    static List<dev.vouch.trace.Attestation> cosignAttestations(
            String spec,
            Image image,
            RegistryOptions registry,
            List<dev.vouch.sign.SignatureVerifier.NamedKey> keys,
            IdentityFlags keyless,
            Main.Context context)
            throws java.io.IOException {
        return dev.vouch.api.evidence.Attestations.of(
                spec,
                image,
                registry,
                keys,
                keyless.given() ? keyless.policy() : null,
                keyless.given() ? keyless.trustedRoot(context) : null);
    }

    /** The text report: provenance, base, the Dockerfile's reconciliation and the findings, wrapped (never cut). */
    static String text(TraceReport r, int width) {
        StringBuilder b =
                new StringBuilder(r.image()).append(" (").append(r.digest()).append(")\n");
        b.append("provenance:\n");
        if (r.provenance().fields().isEmpty()) {
            b.append("  none declared\n");
        }
        for (String f : List.of(
                "source", "revision", "created", "version", "vendor", "authors", "url", "base.name", "base.digest")) {
            Provenance.Field v = r.provenance().fields().get(f);
            if (v != null) {
                b.append(String.format("  %-12s %s  (%s)%n", f + ":", v.value(), v.from()));
            }
        }
        BaseCheck base = r.base();
        if (base != null) {
            b.append("base image: ").append(base.status());
            if (base.base() != null) {
                b.append(' ').append(base.base());
            }
            if (base.declaredBy() != null) {
                b.append(" (from ").append(base.declaredBy()).append(')');
            }
            b.append('\n');
            if (base.baseDigest() != null) {
                b.append("  digest ").append(base.baseDigest()).append('\n');
            }
            if (base.baseLayers() != null) {
                b.append("  the image's first ").append(base.baseLayers()).append(" layer(s) are the base's\n");
            }
            if (base.reason() != null) {
                b.append(Wrap.hanging("  ", base.reason(), "    ", width));
            }
        }
        Reconciliation rec = r.reconciliation();
        if (rec != null) {
            b.append("dockerfile: ").append(rec.status());
            if (rec.target() != null) {
                b.append(" (").append(rec.target()).append(')');
            }
            b.append('\n');
            if (rec.reason() != null) {
                b.append(Wrap.hanging("  ", rec.reason(), "    ", width));
            }
            for (Reconciliation.Entry e : rec.entries()) {
                String where = e.layer() == null ? "      " : String.format("L%-4d ", e.layer());
                String what = switch (e.state()) {
                    case BASE -> "base       ";
                    case MATCHED -> String.format("line %-5d ", e.line());
                    case UNEXPLAINED -> "UNEXPLAINED";
                };
                String cmd = e.createdBy() == null ? "" : e.createdBy();
                b.append(Wrap.hanging("  " + where + what + " ", cmd, " ".repeat(20), width));
            }
            for (Reconciliation.InstructionState i : rec.instructions()) {
                if (!i.found() && !i.optional()) {
                    b.append(Wrap.hanging("  MISSING line " + i.line() + ": ", i.text(), "    ", width));
                }
            }
            for (Reconciliation.ConfigFact f : rec.config()) {
                if (!f.agrees()) {
                    b.append(Wrap.hanging(
                            "  DIFFERS ",
                            f.name() + ": image \"" + f.image() + "\", line " + f.line() + " \"" + f.dockerfile()
                                    + "\"",
                            "    ",
                            width));
                }
            }
        }
        for (dev.vouch.trace.Attestation a : r.attestations()) {
            b.append("attestation: ")
                    .append(a.predicateType() == null ? "(unreadable)" : a.predicateType())
                    .append(a.subjectMatches() ? "" : " (NOT about this image)")
                    .append(a.signature() == null ? ", unsigned" : ", " + a.signature())
                    .append('\n');
            if (a.builderId() != null) {
                b.append("  builder ").append(a.builderId()).append('\n');
            }
            if (a.sourceRepository() != null) {
                b.append("  source ")
                        .append(a.sourceRepository())
                        .append(a.sourceRevision() == null ? "" : " @ " + a.sourceRevision())
                        .append('\n');
            }
            a.materials().stream()
                    .limit(10)
                    .forEach(m -> b.append("  material ").append(m).append('\n'));
        }
        if (!r.findings().isEmpty()) {
            b.append("findings:\n");
            for (Finding f : r.findings()) {
                b.append(Wrap.hanging(
                        "  " + f.severity().name().toLowerCase(Locale.ROOT) + " ", f.oneLine(), "      ", width));
            }
        }
        return b.toString();
    }
}
