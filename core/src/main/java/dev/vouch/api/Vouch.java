package dev.vouch.api;

import dev.vouch.api.evidence.CheckContext;
import dev.vouch.api.evidence.Evidence;
import dev.vouch.api.evidence.EvidenceProvider;
import dev.vouch.api.evidence.StandardProviders;
import dev.vouch.check.CheckInputs;
import dev.vouch.check.HtmlModel;
import dev.vouch.check.TrustChecks;
import dev.vouch.check.TrustReport;
import dev.vouch.check.render.HtmlReport;
import dev.vouch.fs.ImageWalker;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.LayerResultCache;
import dev.vouch.layer.LayerResultStore;
import dev.vouch.layer.ProgressListener;
import dev.vouch.policy.Policies;
import dev.vouch.source.ImageSources;
import dev.vouch.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * vouch as a library: {@code Vouch.check(request)} is what {@code vouch check} does, without a command line. The
 * image is opened and verified (every digest, every diff_id), its layers are read once with the analyzers of every
 * {@link EvidenceProvider}, each provider adds its evidence, the sections and the review queue are assembled, and the
 * request's policy decides the verdict. See docs/api.md.
 *
 * <p>Errors are {@link dev.vouch.error.VouchException}s with a one-line message naming the file, field or layer; an
 * image whose bytes do not match their digests never gets a report.
 */
public final class Vouch {
    private Vouch() {}

    /** Checks an image with every standard kind of evidence. */
    public static CheckResult check(CheckRequest request) throws IOException {
        return check(request, StandardProviders.forOneCheck());
    }

    /** Checks an image with these providers (made for this one check). */
    public static CheckResult check(CheckRequest request, List<EvidenceProvider> providers) throws IOException {
        Evidence evidence = new Evidence();
        for (EvidenceProvider p : providers) {
            p.prepare(request, evidence);
        }
        List<Analyzer> analyzers = new ArrayList<>();
        for (EvidenceProvider p : providers) {
            analyzers.addAll(p.analyzers());
        }
        Tracer.BaseOpener opener = (ref, platform) -> ImageSources.open(ref, platform, request.registry());
        try (Image image = ImageSources.open(request.image(), request.platform(), request.registry())) {
            LayerResultStore store = request.layerResults() != null
                    ? request.layerResults()
                    : request.registry().cacheDir() == null
                            ? null
                            : new LayerResultCache(request.registry().cacheDir());
            request.progress()
                    .prefetch(ImageWalker.standard(analyzers, ProgressListener.NONE, store)
                            .unstored(image));
            WalkResult walk;
            ProgressListener listener = request.progress().reading(image);
            try {
                walk = ImageWalker.standard(analyzers, listener, store).walk(image);
            } finally {
                if (listener instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        // a progress display that fails to close changes nothing about the check
                    }
                }
            }
            CheckContext context = new CheckContext(request, image, walk, opener);
            for (EvidenceProvider p : providers) {
                p.collect(context, evidence);
            }
            TrustReport report = TrustChecks.assemble(new CheckInputs(
                    request.image(),
                    image,
                    walk,
                    evidence.sbom,
                    evidence.secrets,
                    evidence.hardening,
                    evidence.trace,
                    evidence.signatures,
                    evidence.audit,
                    request.dockerfileName(),
                    evidence.scan,
                    evidence.noScan,
                    evidence.moved,
                    evidence.contentTrust,
                    evidence.notation));
            if (request.policy() != null) {
                report = Policies.apply(request.policy(), report);
            }
            HtmlModel page = HtmlReport.model(report, image, walk, evidence.sbom, evidence.trace, evidence.scan);
            return new CheckResult(report, evidence.sbom, evidence.scan, evidence.noScan, page);
        }
    }
}
