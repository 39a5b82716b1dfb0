package dev.vouch.sign;

import dev.vouch.error.VouchException;
import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * Checks a cosign key signature: the ECDSA P-256 / SHA-256 signature (ASN.1 DER, base64) over the payload bytes with
 * each given key, then that the payload names the image's manifest digest and its repository.
 */
public final class SignatureVerifier {
    private SignatureVerifier() {}

    /** A public key and the file it came from. */
    public record NamedKey(String name, PublicKey key) {}

    /** The signature of {@code payload}, base64 as cosign stores it. */
    public static String sign(byte[] payload, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(payload);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureB64} is {@code key}'s signature over {@code payload}. */
    public static boolean verifies(byte[] payload, String signatureB64, PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(payload);
            return s.verify(Base64.getDecoder().decode(signatureB64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a malformed signature verifies with no key
        }
    }

    /**
     * The check of one signature.
     *
     * @param digests the digests that are this image (the tag's target, and the platform manifest under an index)
     * @param repository the image's repository ({@code registry/path}), or null when it has none to compare
     */
    public static SignatureCheck check(
            String source,
            byte[] payload,
            String signatureB64,
            List<NamedKey> keys,
            List<Digest> digests,
            String repository) {
        NamedKey by = null;
        for (NamedKey k : keys) {
            if (verifies(payload, signatureB64, k.key())) {
                by = k;
                break;
            }
        }
        if (by == null) {
            return new SignatureCheck(source, false, null, null, null, "no given key verifies it (wrong key)");
        }
        return payloadCheck(source, payload, by.name(), digests, repository);
    }

    /**
     * The checks after the signature itself verified (by a key, or keylessly): the payload is simple signing, it
     * names one of this image's digests and this repository.
     *
     * @param signer who the signature verified as: a key file, or {@code keyless IDENTITY}
     */
    public static SignatureCheck payloadCheck(
            String source, byte[] payload, String signer, List<Digest> digests, String repository) {
        SimpleSigning p;
        try {
            p = SimpleSigning.parse(payload, source);
        } catch (VouchException e) {
            return new SignatureCheck(source, false, null, null, null, "malformed payload: " + e.getMessage());
        }
        String signed = p.manifestDigest().toString();
        if (!digests.contains(p.manifestDigest())) {
            return new SignatureCheck(
                    source,
                    false,
                    null,
                    p.dockerReference(),
                    signed,
                    "signs " + signed + ", not this image (" + digests.get(0) + ")");
        }
        if (repository != null && !sameRepository(p.dockerReference(), repository)) {
            return new SignatureCheck(
                    source,
                    false,
                    null,
                    p.dockerReference(),
                    signed,
                    "signed for " + p.dockerReference() + ", not for " + repository);
        }
        return new SignatureCheck(source, true, signer, p.dockerReference(), signed, null);
    }

    /** Whether a payload's docker-reference names this repository (its tag or digest aside, normalized). */
    static boolean sameRepository(String dockerReference, String repository) {
        if (dockerReference == null) {
            return false;
        }
        try {
            return ImageRef.parse(dockerReference)
                    .name()
                    .equals(ImageRef.parse(repository).name());
        } catch (VouchException e) {
            return false;
        }
    }
}
