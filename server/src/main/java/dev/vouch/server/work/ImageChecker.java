package dev.vouch.server.work;

import dev.vouch.check.TrustReport;

/**
 * Runs {@code vouch check} for the server: every check that applies, the server's default policy applied. The command
 * line provides it, so that the server and the verb judge an image the same way.
 */
public interface ImageChecker {
    /**
     * Checks an image.
     *
     * @param reference a registry reference pinned by digest ({@code host/repo@sha256:…})
     */
    Checked check(String reference) throws Exception;

    /**
     * A finished check.
     *
     * @param sbom the SBOM as CycloneDX JSON
     * @param html the HTML report
     */
    record Checked(TrustReport report, String sbom, String html) {}
}
