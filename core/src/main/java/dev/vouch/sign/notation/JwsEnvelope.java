package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;

/**
 * A Notation signature in a JWS envelope ({@code application/jose+json}, JSON serialization, as <a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/signature-envelope-jws.md">the Notary Project's
 * JWS envelope</a> defines it): the protected header (algorithm, signing scheme, signing time, expiry, critical
 * names), the payload (the target artifact's descriptor), the certificate chain ({@code x5c}, leaf first) and the
 * signature over {@code BASE64URL(protected) "." BASE64URL(payload)}.
 */
public final class JwsEnvelope {
    public static final String MEDIA_TYPE = "application/jose+json";

    private JwsEnvelope() {}

    /** Reads an envelope; what does not parse is a {@link NotationFailure} naming the field. */
    public static NotationEnvelope parse(byte[] bytes) throws NotationFailure {
        JsonNode jws;
        try {
            jws = Json.tree(bytes, "the JWS envelope");
        } catch (VouchException e) {
            throw new NotationFailure(e.getMessage());
        }
        String protectedB64 = text(jws, "protected");
        String payloadB64 = text(jws, "payload");
        byte[] signature = base64Url(text(jws, "signature"), "signature");
        JsonNode header = json(base64Url(protectedB64, "protected"), "the protected header");
        JsonNode payload = json(base64Url(payloadB64, "payload"), "the payload");
        JsonNode x5c = jws.path("header").path("x5c");
        if (!x5c.isArray() || x5c.isEmpty() || x5c.size() > 10) {
            throw new NotationFailure("the JWS envelope has no certificate chain (header.x5c)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (JsonNode c : x5c) {
                chain.add((X509Certificate) cf.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(c.asText("")))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new NotationFailure("the JWS envelope's certificate chain (header.x5c) does not parse");
        }
        byte[] input = (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII);
        java.util.Set<String> critical = new java.util.HashSet<>();
        for (JsonNode c : header.path("crit")) {
            critical.add(c.asText());
        }
        return new NotationEnvelope(
                header.path("alg").asText(""),
                header.path("cty").asText(""),
                header.path(NotationVerifier.SCHEME).asText(""),
                critical,
                time(header, NotationVerifier.SIGNING_TIME),
                time(header, NotationVerifier.AUTHENTIC_TIME),
                time(header, NotationVerifier.EXPIRY),
                payload,
                List.copyOf(chain),
                input,
                signature,
                timestamp(jws.path("header").path(NotationVerifier.TIMESTAMP)));
    }

    /**
     * A JWS envelope over {@code payload} ({@code {"targetArtifact": DESCRIPTOR}}) with the {@code notary.x509} scheme,
     * signed with an EC key (ES256, ES384 or ES512 by its curve) whose certificate leads {@code chain}.
     */
    public static byte[] sign(byte[] payload, java.security.PrivateKey key, List<X509Certificate> chain, Instant time)
            throws GeneralSecurityException {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) {
            throw new GeneralSecurityException("Notation signing takes an EC key here (ES256/ES384/ES512)");
        }
        int field = ec.getParams().getCurve().getField().getFieldSize();
        int bits = field <= 256 ? 256 : field <= 384 ? 384 : 512;
        int size = (field + 7) / 8;
        var mapper = Json.compact();
        var header = mapper.createObjectNode();
        header.put("alg", "ES" + bits);
        header.putArray("crit").add(NotationVerifier.SCHEME);
        header.put("cty", NotationVerifier.PAYLOAD_TYPE);
        header.put(NotationVerifier.SCHEME, "notary.x509");
        header.put(
                NotationVerifier.SIGNING_TIME,
                time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String protectedB64;
        try {
            protectedB64 = url.encodeToString(mapper.writeValueAsBytes(header));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String payloadB64 = url.encodeToString(payload);
        Signature s = Signature.getInstance("SHA" + bits + "withECDSA");
        s.initSign(key);
        s.update((protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
        org.bouncycastle.asn1.ASN1Sequence der = org.bouncycastle.asn1.ASN1Sequence.getInstance(s.sign());
        byte[] raw = new byte[2 * size];
        fixed(((ASN1Integer) der.getObjectAt(0)).getValue(), raw, 0, size);
        fixed(((ASN1Integer) der.getObjectAt(1)).getValue(), raw, size, size);
        var jws = mapper.createObjectNode();
        jws.put("payload", payloadB64);
        jws.put("protected", protectedB64);
        var unprotected = jws.putObject("header");
        var x5c = unprotected.putArray("x5c");
        for (X509Certificate c : chain) {
            x5c.add(Base64.getEncoder().encodeToString(c.getEncoded()));
        }
        unprotected.put("io.cncf.notary.signingAgent", "vouch");
        jws.put("signature", url.encodeToString(raw));
        try {
            return mapper.writeValueAsBytes(jws);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fixed(BigInteger v, byte[] out, int at, int size) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, size);
        System.arraycopy(b, b.length - n, out, at + size - n, n);
    }

    private static byte[] timestamp(JsonNode token) throws NotationFailure {
        if (token.isMissingNode() || token.isNull()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(token.asText(""));
        } catch (IllegalArgumentException e) {
            throw new NotationFailure("the JWS envelope's " + NotationVerifier.TIMESTAMP + " is not base64");
        }
    }

    private static Instant time(JsonNode header, String field) throws NotationFailure {
        if (!header.has(field)) {
            return null;
        }
        try {
            return Instant.parse(header.path(field).asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            throw new NotationFailure("the protected header's " + field + " is not a time");
        }
    }

    private static String text(JsonNode n, String field) throws NotationFailure {
        JsonNode v = n.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new NotationFailure("the JWS envelope has no " + field);
        }
        return v.asText();
    }

    private static byte[] base64Url(String s, String field) throws NotationFailure {
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new NotationFailure("the JWS envelope's " + field + " is not base64url");
        }
    }

    private static JsonNode json(byte[] bytes, String what) throws NotationFailure {
        try {
            JsonNode n = Json.tree(bytes, what);
            if (!n.isObject()) {
                throw new NotationFailure(what + " is not a JSON object");
            }
            return n;
        } catch (VouchException e) {
            throw new NotationFailure(e.getMessage());
        }
    }
}
