package dev.vouch.server.store;

/**
 * The stored result of one image digest.
 *
 * @param report the trust report's JSON (docs/report-schema.md)
 * @param sbom the SBOM as CycloneDX JSON, matched again when advisories change
 * @param html the HTML report (null when not rendered)
 * @param page what the HTML report shows beyond the report ({@link dev.vouch.check.HtmlModel} as JSON, its report
 *     left out), null when not kept
 * @param rematchedAt when its vulnerabilities were last matched again, or 0
 */
public record StoredImage(
        String digest,
        String reference,
        String verdict,
        String report,
        String sbom,
        String html,
        String page,
        long checkedAt,
        String checkedBy,
        long rematchedAt) {
    /** Which stored result this is: it grows when the image is checked again or matched again. */
    public long version() {
        return Math.max(checkedAt, rematchedAt);
    }
}
