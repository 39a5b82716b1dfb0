package dev.vouch.api.evidence;

import dev.vouch.layer.Analyzer;
import dev.vouch.sbom.Catalog;
import java.util.List;

/** The packages in the image (every cataloger), with the layer that introduced each: the SBOM. */
public final class PackageEvidence implements EvidenceProvider {
    private final Catalog catalog = Catalog.standard();

    @Override
    public List<Analyzer> analyzers() {
        return List.of(catalog);
    }

    @Override
    public void collect(CheckContext context, Evidence evidence) {
        evidence.sbom = catalog.finish(context.request().image(), context.image(), context.walk());
    }
}
