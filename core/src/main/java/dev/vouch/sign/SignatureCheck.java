package dev.vouch.sign;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one signature found for an image proved.
 *
 * @param source where it was found ({@code REPO:sha256-HEX.sig layer 0}, a lookaside URL, a Notary server and role)
 * @param valid whether it verifies with a given key, signs this image's digest, and names this repository
 * @param key the key file that verified it (valid only)
 * @param dockerReference the reference the payload names
 * @param signedDigest the digest the payload names
 * @param reason why it is not valid: wrong key, digest mismatch, another repository, malformed
 * @param kind how it was made: {@code cosign} (a key), {@code keyless} (Fulcio and Rekor), {@code gpg} (containers'
 *     simple signing), {@code dct} (Docker Content Trust)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignatureCheck(
        String source,
        boolean valid,
        String key,
        String dockerReference,
        String signedDigest,
        String reason,
        String kind) {

    /** A cosign key signature's check. */
    public SignatureCheck(
            String source, boolean valid, String key, String dockerReference, String signedDigest, String reason) {
        this(source, valid, key, dockerReference, signedDigest, reason, "cosign");
    }

    /** The same check, of another kind. */
    public SignatureCheck withKind(String kind) {
        return new SignatureCheck(source, valid, key, dockerReference, signedDigest, reason, kind);
    }
}
