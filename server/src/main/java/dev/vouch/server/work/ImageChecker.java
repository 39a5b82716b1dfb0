package dev.vouch.server.work;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vouch.check.HtmlModel;
import dev.vouch.check.TrustReport;
import dev.vouch.io.Json;
import dev.vouch.server.store.StoredImage;

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

    /** The same checker keeping layers' results in this store (the server's database); by default it keeps none. */
    default ImageChecker withLayerResults(dev.vouch.layer.LayerResultStore store) {
        return this;
    }

    /**
     * Renders the HTML report of a page model again (after a rematch changed its report and vulnerabilities); null
     * when this checker cannot, and the stored page stays.
     */
    default String render(HtmlModel page) {
        return null;
    }

    /**
     * A finished check.
     *
     * @param sbom the SBOM as CycloneDX JSON
     * @param html the HTML report
     * @param page what the HTML report was rendered from, or null
     */
    record Checked(TrustReport report, String sbom, String html, HtmlModel page) {
        /** What the store keeps of this check of {@code digest}. */
        public StoredImage stored(String digest, String reference, long now, String owner) {
            try {
                return new StoredImage(
                        digest,
                        reference,
                        report.verdict(),
                        Json.compact().writeValueAsString(report),
                        sbom,
                        html,
                        page == null ? null : Json.compact().writeValueAsString(page.withoutReport()),
                        now,
                        owner,
                        0);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the report of " + digest + " cannot be written as JSON", e);
            }
        }
    }
}
