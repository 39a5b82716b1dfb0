package dev.vouch.api.evidence;

import dev.vouch.api.CheckRequest;
import dev.vouch.audit.AuditOptions;
import dev.vouch.audit.BuildModel;
import dev.vouch.audit.DockerfileAudit;
import dev.vouch.audit.Stage;
import dev.vouch.dockerfile.Dockerfile;
import dev.vouch.dockerfile.DockerfileParser;
import dev.vouch.error.InvalidInputException;
import dev.vouch.trace.Tracer;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * The Dockerfile said to have built the image: audited with the trust and best-practice rules, and modelled (stages,
 * build arguments, the target) for the trace to reconcile with the image's history. A Dockerfile that does not parse
 * is still audited (its parse errors are findings) but cannot be reconciled.
 */
public final class DockerfileEvidence implements EvidenceProvider {
    @Override
    public void prepare(CheckRequest request, Evidence evidence) {
        if (request.dockerfile() == null) {
            return;
        }
        String name = request.dockerfileName();
        Dockerfile parsed = DockerfileParser.parse(request.dockerfile(), name);
        evidence.audit = DockerfileAudit.audit(
                parsed, new AuditOptions(request.buildArgs(), new LinkedHashSet<>(), new LinkedHashSet<>()));
        if (!parsed.ok()) {
            return;
        }
        BuildModel model = BuildModel.of(parsed, request.buildArgs());
        Stage stage = null;
        if (request.target() != null) {
            String t = request.target().toLowerCase(Locale.ROOT);
            stage = model.stages().stream()
                    .filter(s -> t.equals(s.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "--target " + request.target() + ": " + name + " has no stage of that name"));
        }
        if (model.finalStage() != null) {
            evidence.dockerfile = new Tracer.DockerfileInput(name, model, stage);
        }
    }

    @Override
    public void collect(CheckContext context, Evidence evidence) {}
}
