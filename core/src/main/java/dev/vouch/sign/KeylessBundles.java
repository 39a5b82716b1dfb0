package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Offline verification of <a href="https://github.com/sigstore/protobuf-specs">Sigstore bundles</a> with
 * sigstore-java against a trusted root file and an {@link IdentityPolicy}. Two checks are added where the library
 * is lenient (both from the Sigstore conformance suite): every key and CA of the trusted root must say from when it
 * is valid, and no transparency-log entry may claim to be integrated in the future.
 */
public final class KeylessBundles {
    private static final long MAX_CLOCK_SKEW_SECONDS = 60;

    private KeylessBundles() {}

    /** A trusted root file, checked for what sigstore-java does not check. */
    public record TrustedRoot(Path file, JsonNode json) {
        public static TrustedRoot read(Path file) throws IOException {
            byte[] bytes;
            bytes = BoundedReads.readFile(file, 4 << 20);
            JsonNode root = Json.tree(bytes, file.toString());
            for (String list : List.of("certificateAuthorities", "tlogs", "ctlogs", "timestampAuthorities")) {
                int i = 0;
                for (JsonNode e : root.path(list)) {
                    JsonNode valid = e.has("publicKey") ? e.path("publicKey").path("validFor") : e.path("validFor");
                    if (!valid.path("start").isTextual()) {
                        throw new InvalidInputException(file + ": " + list + "[" + i
                                + "] has no validFor.start: a key without a start of validity is not trusted");
                    }
                    i++;
                }
            }
            return new TrustedRoot(file, root);
        }
    }

    /** Verifies a bundle over {@code artifact}; never throws for a bad bundle, the check says why. */
    public static KeylessCheck verify(
            String source, String bundleJson, byte[] artifact, TrustedRoot root, IdentityPolicy policy) {
        try {
            return verifyDigest(
                    source,
                    bundleJson,
                    java.security.MessageDigest.getInstance("SHA-256").digest(artifact),
                    root,
                    policy);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies a bundle over the artifact whose SHA-256 is {@code sha256}: for an image, its manifest digest (a DSSE
     * bundle's statement must name it as a subject).
     */
    public static KeylessCheck verifyDigest(
            String source, String bundleJson, byte[] sha256, TrustedRoot root, IdentityPolicy policy) {
        Bundle bundle;
        try {
            bundle = Bundle.from(new StringReader(bundleJson));
        } catch (Exception e) {
            return new KeylessCheck(source, false, null, "not a readable Sigstore bundle: " + oneLine(e));
        }
        String identity = identity(bundle);
        try {
            JsonNode raw = Json.tree(bundleJson.getBytes(StandardCharsets.UTF_8), source);
            long now = Instant.now().getEpochSecond();
            for (JsonNode t : raw.path("verificationMaterial").path("tlogEntries")) {
                long integrated = t.path("integratedTime").asLong(0);
                if (integrated > now + MAX_CLOCK_SKEW_SECONDS) {
                    return new KeylessCheck(
                            source,
                            false,
                            identity,
                            "the log entry claims to be integrated in the future (" + Instant.ofEpochSecond(integrated)
                                    + ")");
                }
                X509Certificate leaf = leaf(bundle);
                if (leaf != null
                        && integrated > 0
                        && (integrated < leaf.getNotBefore().toInstant().getEpochSecond()
                                || integrated > leaf.getNotAfter().toInstant().getEpochSecond())) {
                    return new KeylessCheck(
                            source,
                            false,
                            identity,
                            "the log entry was integrated at "
                                    + Instant.ofEpochSecond(integrated)
                                    + ", outside the signing certificate's validity ("
                                    + leaf.getNotBefore().toInstant() + " to "
                                    + leaf.getNotAfter().toInstant() + ")");
                }
            }
        } catch (VouchException e) {
            return new KeylessCheck(source, false, identity, e.getMessage());
        }
        try {
            KeylessVerifier verifier = KeylessVerifier.builder()
                    .trustedRootProvider(TrustedRootProvider.from(root.file()))
                    .build();
            VerificationOptions options = VerificationOptions.builder()
                    .addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
                            .subjectAlternativeName(
                                    policy.identity() != null
                                            ? StringMatcher.string(policy.identity())
                                            : StringMatcher.regex(
                                                    policy.identityRegex().pattern()))
                            .issuer(
                                    policy.issuer() != null
                                            ? StringMatcher.string(policy.issuer())
                                            : StringMatcher.regex(
                                                    policy.issuerRegex().pattern()))
                            .build())
                    .build();
            verifier.verify(sha256, bundle, options);
            return new KeylessCheck(source, true, identity, null);
        } catch (Exception e) {
            return new KeylessCheck(source, false, identity, oneLine(e));
        }
    }

    private static X509Certificate leaf(Bundle bundle) {
        try {
            if (bundle.getCertPath() == null
                    || bundle.getCertPath().getCertificates().isEmpty()) {
                return null;
            }
            return (X509Certificate) bundle.getCertPath().getCertificates().get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String identity(Bundle bundle) {
        try {
            X509Certificate c = leaf(bundle);
            return c == null ? null : LegacyKeylessVerifier.san(c);
        } catch (Exception e) {
            return null;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m = m + ": " + c.getMessage();
        }
        return m.lines().findFirst().orElse(m);
    }
}
