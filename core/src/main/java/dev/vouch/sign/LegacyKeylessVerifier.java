package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Keyless cosign signatures in the tag scheme's older form, whose Rekor evidence is a signed entry timestamp (SET)
 * without an inclusion proof, which sigstore-java's bundle reader refuses. Checked here, offline, against the same
 * trusted root: the certificate chains to one of its Fulcio CAs at the log's integration time; the log's SET
 * verifies with the key of the log it names; the logged hashedrekord entry is this payload's digest, this signature
 * and this certificate; the signature verifies with the certificate's key; the certificate names the expected identity
 * and OIDC issuer. Certificate transparency (SCTs) is not checked in this form.
 */
public final class LegacyKeylessVerifier {
    private static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
    private static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

    private LegacyKeylessVerifier() {}

    public static KeylessCheck verify(
            String source,
            byte[] payload,
            String signatureB64,
            Map<String, String> annotations,
            KeylessBundles.TrustedRoot root,
            IdentityPolicy policy) {
        String identity = null;
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (String a : List.of(CosignKeylessLayer.CERTIFICATE, CosignKeylessLayer.CHAIN)) {
                String pem = annotations.get(a);
                if (pem != null) {
                    for (var c : cf.generateCertificates(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                        chain.add((X509Certificate) c);
                    }
                }
            }
            X509Certificate leaf = chain.get(0);
            identity = san(leaf);
            JsonNode trust = root.json();
            // 1. the Rekor SET: the log it names, its key, the canonical entry it signs
            String set = annotations.get(CosignKeylessLayer.BUNDLE);
            if (set == null) {
                return new KeylessCheck(source, false, identity, "no Rekor bundle: nothing proves when it was signed");
            }
            JsonNode rekor = Json.tree(set.getBytes(StandardCharsets.UTF_8), source + " " + CosignKeylessLayer.BUNDLE);
            JsonNode p = rekor.path("Payload");
            String body = p.path("body").asText("");
            long integrated = p.path("integratedTime").asLong();
            String logId = p.path("logID").asText("");
            String setProblem = RekorSet.check(
                    trust,
                    body,
                    integrated,
                    logId,
                    p.path("logIndex").asLong(),
                    rekor.path("SignedEntryTimestamp").asText(""));
            if (setProblem != null) {
                return new KeylessCheck(source, false, identity, setProblem);
            }
            // 2. the logged entry is this signature of this payload by this certificate
            JsonNode entry = Json.tree(Base64.getDecoder().decode(body), source + " rekor entry");
            JsonNode spec = entry.path("spec");
            String hash = java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
            String loggedCert = new String(
                    Base64.getDecoder()
                            .decode(spec.path("signature")
                                    .path("publicKey")
                                    .path("content")
                                    .asText("")),
                    StandardCharsets.US_ASCII);
            X509Certificate logged = (X509Certificate)
                    cf.generateCertificate(new ByteArrayInputStream(loggedCert.getBytes(StandardCharsets.US_ASCII)));
            if (!"hashedrekord".equals(entry.path("kind").asText())
                    || !hash.equals(spec.path("data").path("hash").path("value").asText())
                    || !signatureB64
                            .strip()
                            .equals(spec.path("signature").path("content").asText())
                    || !logged.equals(leaf)) {
                return new KeylessCheck(
                        source, false, identity, "the log entry is not this payload, signature and certificate");
            }
            // 3. the certificate chains to a trusted Fulcio CA at the time the log recorded the signature
            Date at = new Date(integrated * 1000);
            if (at.before(leaf.getNotBefore()) || at.after(leaf.getNotAfter())) {
                return new KeylessCheck(source, false, identity, "signed outside the certificate's validity");
            }
            Set<TrustAnchor> anchors = new HashSet<>();
            List<X509Certificate> intermediates = new ArrayList<>();
            for (JsonNode ca : trust.path("certificateAuthorities")) {
                List<X509Certificate> certs = new ArrayList<>();
                for (JsonNode c : ca.path("certChain").path("certificates")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
                            Base64.getDecoder().decode(c.path("rawBytes").asText()))));
                }
                if (!certs.isEmpty()) {
                    anchors.add(new TrustAnchor(certs.get(certs.size() - 1), null));
                    intermediates.addAll(certs.subList(0, certs.size() - 1));
                }
            }
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            for (X509Certificate c : chain.subList(1, chain.size())) {
                if (!anchors.stream().anyMatch(t -> t.getTrustedCert().equals(c))) {
                    path.add(c);
                }
            }
            for (X509Certificate c : intermediates) {
                if (!path.contains(c)
                        && path.get(path.size() - 1).getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                    path.add(c);
                }
            }
            CertPath certPath = cf.generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(at);
            try {
                CertPathValidator.getInstance("PKIX").validate(certPath, params);
            } catch (java.security.cert.CertPathValidatorException e) {
                return new KeylessCheck(
                        source,
                        false,
                        identity,
                        "the certificate does not chain to a Fulcio CA of the trusted root (" + e.getMessage() + ")");
            }
            // 4. the signature, then who signed
            if (!SignatureVerifier.verifies(payload, signatureB64, leaf.getPublicKey())) {
                return new KeylessCheck(
                        source, false, identity, "the signature does not verify with the certificate's key");
            }
            String issuer = issuer(leaf);
            boolean idOk = identity != null
                    && (policy.identity() != null
                            ? policy.identity().equals(identity)
                            : policy.identityRegex().matcher(identity).matches());
            boolean issOk = issuer != null
                    && (policy.issuer() != null
                            ? policy.issuer().equals(issuer)
                            : policy.issuerRegex().matcher(issuer).matches());
            if (!idOk || !issOk) {
                return new KeylessCheck(
                        source, false, identity, "signed by " + identity + " from " + issuer + ", not " + policy);
            }
            return new KeylessCheck(source, true, identity, null);
        } catch (VouchException e) {
            return new KeylessCheck(source, false, identity, e.getMessage());
        } catch (Exception e) {
            return new KeylessCheck(source, false, identity, "malformed keyless signature: " + e.getMessage());
        }
    }

    /** The certificate's first subject alternative name (an e-mail or URI), or null. */
    static String san(X509Certificate c) throws Exception {
        if (c.getSubjectAlternativeNames() == null) {
            return null;
        }
        for (List<?> san : c.getSubjectAlternativeNames()) {
            if (san.size() >= 2 && san.get(1) instanceof String s) {
                return s;
            }
        }
        return null;
    }

    /** The OIDC issuer Fulcio wrote: extension .1.8 (a DER string) or the older .1.1 (raw bytes). */
    private static String issuer(X509Certificate c) throws Exception {
        byte[] v2 = c.getExtensionValue(ISSUER_V2);
        if (v2 != null) {
            ASN1Primitive inner =
                    ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
            if (inner instanceof ASN1String s) {
                return s.getString();
            }
        }
        byte[] v1 = c.getExtensionValue(ISSUER_V1);
        if (v1 != null) {
            return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
        }
        return null;
    }
}
