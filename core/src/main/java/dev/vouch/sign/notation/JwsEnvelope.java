package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * A Notation signature in a JWS envelope ({@code application/jose+json}, JSON serialization, as <a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/signature-envelope-jws.md">the Notary Project's
 * JWS envelope</a> defines it): the protected header (algorithm, signing scheme, signing time, expiry, critical
 * names), the payload (the target artifact's descriptor), the certificate chain ({@code x5c}, leaf first) and the
 * signature over {@code BASE64URL(protected) "." BASE64URL(payload)}.
 *
 * @param header the protected header
 * @param payload the payload
 * @param chain the certificate chain, leaf first
 * @param signingInput the bytes signed
 * @param signature the signature
 */
public record JwsEnvelope(
        JsonNode header, JsonNode payload, List<X509Certificate> chain, byte[] signingInput, byte[] signature) {
    public static final String MEDIA_TYPE = "application/jose+json";

    /** Reads an envelope; what does not parse is a {@link NotationFailure} naming the field. */
    public static JwsEnvelope parse(byte[] bytes) throws NotationFailure {
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
        return new JwsEnvelope(header, payload, List.copyOf(chain), input, signature);
    }

    /** Whether the signature verifies with the leaf certificate's key under the header's algorithm. */
    public void verifySignature() throws NotationFailure {
        String alg = header.path("alg").asText("");
        PublicKey key = chain.get(0).getPublicKey();
        try {
            Signature v;
            byte[] sig = signature;
            switch (alg) {
                case "PS256", "PS384", "PS512" -> {
                    String hash = "SHA-" + alg.substring(2);
                    v = Signature.getInstance("RSASSA-PSS");
                    v.setParameter(new PSSParameterSpec(
                            hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(alg.substring(2)) / 8, 1));
                    if (!key.getAlgorithm().equals("RSA")) {
                        throw new NotationFailure("the algorithm " + alg + " does not fit the certificate's "
                                + key.getAlgorithm() + " key");
                    }
                }
                case "ES256", "ES384", "ES512" -> {
                    int bits = Integer.parseInt(alg.substring(2));
                    int size = bits == 512 ? 66 : bits / 8;
                    if (!(key instanceof ECPublicKey ec)
                            || (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8 != size) {
                        throw new NotationFailure("the algorithm " + alg + " does not fit the certificate's key");
                    }
                    if (sig.length != 2 * size) {
                        throw new NotationFailure(
                                "the " + alg + " signature is " + sig.length + " bytes, not " + 2 * size);
                    }
                    ASN1EncodableVector rs = new ASN1EncodableVector();
                    rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(sig, 0, size))));
                    rs.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(sig, size, sig.length))));
                    sig = new DERSequence(rs).getEncoded();
                    v = Signature.getInstance("SHA" + bits + "withECDSA");
                }
                default -> throw new NotationFailure("the signature algorithm '" + alg + "' is not one Notation uses");
            }
            v.initVerify(key);
            v.update(signingInput);
            if (!v.verify(sig)) {
                throw new NotationFailure("the signature does not verify with the signing certificate's key");
            }
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new NotationFailure("the signature does not verify: " + e.getMessage());
        }
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
