package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Sigstore bundles signed with a managed key ({@code verificationMaterial.publicKey}, a message signature, a
 * hashedrekord log entry), which sigstore-java 2.0 does not read: the signature over the artifact with the given
 * key, the message digest, the logged entry equal to this signature, digest and key, and the log's SET with the
 * trusted root's log key.
 */
public final class ManagedKeyBundles {
    private ManagedKeyBundles() {}

    /** Whether a bundle is signed with a plain public key rather than a certificate. */
    public static boolean isManagedKey(String bundleJson) {
        try {
            return Json.tree(bundleJson.getBytes(StandardCharsets.UTF_8), "bundle")
                    .path("verificationMaterial")
                    .has("publicKey");
        } catch (VouchException e) {
            return false;
        }
    }

    public static KeylessCheck verify(
            String source,
            String bundleJson,
            byte[] artifact,
            SignatureVerifier.NamedKey key,
            KeylessBundles.TrustedRoot root) {
        try {
            JsonNode b = Json.tree(bundleJson.getBytes(StandardCharsets.UTF_8), source);
            JsonNode sig = b.path("messageSignature");
            if (sig.isMissingNode()) {
                return new KeylessCheck(
                        source, false, null, "only message-signature bundles are read for managed keys");
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(artifact);
            if (!"SHA2_256".equals(sig.path("messageDigest").path("algorithm").asText())
                    || !Arrays.equals(
                            digest,
                            Base64.getDecoder()
                                    .decode(sig.path("messageDigest")
                                            .path("digest")
                                            .asText("")))) {
                return new KeylessCheck(source, false, null, "the bundle's message digest is not this artifact's");
            }
            String signature = sig.path("signature").asText("");
            if (!SignatureVerifier.verifies(artifact, signature, key.key())) {
                return new KeylessCheck(source, false, null, "the signature does not verify with " + key.name());
            }
            JsonNode entries = b.path("verificationMaterial").path("tlogEntries");
            if (entries.size() == 0) {
                return new KeylessCheck(source, false, null, "no transparency log entry");
            }
            for (JsonNode t : entries) {
                String body = t.path("canonicalizedBody").asText("");
                JsonNode entry = Json.tree(Base64.getDecoder().decode(body), source + " log entry");
                JsonNode spec = entry.path("spec");
                PublicKey logged = CosignKeys.readPublic(
                        new String(
                                Base64.getDecoder()
                                        .decode(spec.path("signature")
                                                .path("publicKey")
                                                .path("content")
                                                .asText("")),
                                StandardCharsets.US_ASCII),
                        source + " logged key");
                if (!"hashedrekord".equals(entry.path("kind").asText())
                        || !HexFormat.of()
                                .formatHex(digest)
                                .equals(spec.path("data")
                                        .path("hash")
                                        .path("value")
                                        .asText())
                        || !signature.equals(
                                spec.path("signature").path("content").asText())
                        || !Arrays.equals(logged.getEncoded(), key.key().getEncoded())) {
                    return new KeylessCheck(
                            source, false, null, "the log entry is not this signature, artifact and key");
                }
                String logId = HexFormat.of()
                        .formatHex(Base64.getDecoder()
                                .decode(t.path("logId").path("keyId").asText("")));
                String problem = RekorSet.check(
                        root.json(),
                        body,
                        t.path("integratedTime").asLong(),
                        logId,
                        t.path("logIndex").asLong(),
                        t.path("inclusionPromise").path("signedEntryTimestamp").asText(""));
                if (problem != null) {
                    return new KeylessCheck(source, false, null, problem);
                }
            }
            return new KeylessCheck(source, true, key.name(), null);
        } catch (VouchException e) {
            return new KeylessCheck(source, false, null, e.getMessage());
        } catch (Exception e) {
            return new KeylessCheck(source, false, null, "malformed bundle: " + e.getMessage());
        }
    }
}
