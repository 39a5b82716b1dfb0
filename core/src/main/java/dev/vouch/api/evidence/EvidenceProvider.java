package dev.vouch.api.evidence;

import dev.vouch.api.CheckRequest;
import dev.vouch.layer.Analyzer;
import java.io.IOException;
import java.util.List;

/**
 * One kind of evidence a check gathers (signatures, provenance and the base image, vulnerabilities, the lock…), as a
 * Syft cataloger or a Hadolint rule is one kind of finding: adding a kind of evidence is adding a provider to
 * {@link StandardProviders}. A provider is made for one check and may keep state between its steps.
 */
public interface EvidenceProvider {
    /**
     * Before the image is opened: read and check what the request names, so that bad input fails before anything is
     * downloaded.
     */
    default void prepare(CheckRequest request, Evidence evidence) throws IOException {}

    /** What this provider reads during the one pass over the layers. */
    default List<Analyzer> analyzers() {
        return List.of();
    }

    /** After the layers were read, while the image is still open. */
    void collect(CheckContext context, Evidence evidence) throws IOException;
}
