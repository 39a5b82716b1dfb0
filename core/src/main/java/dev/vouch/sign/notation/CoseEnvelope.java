package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Notation signature in a COSE envelope ({@code application/cose}: a {@code COSE_Sign1} message, <a
 * href="https://www.rfc-editor.org/rfc/rfc9052">RFC 9052</a>, as <a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/signature-envelope-cose.md">the Notary
 * Project's COSE envelope</a> defines it): the protected header (alg 1, crit 2, content type 3, and Notary's signing
 * scheme, signing time, expiry and authentic signing time, the times as tag 1 epoch seconds), the unprotected header's
 * certificate chain (x5chain, label 33, leaf first), the payload, and the signature over the {@code Sig_structure}
 * {@code ["Signature1", protected, h'', payload]}.
 */
public final class CoseEnvelope {
    public static final String MEDIA_TYPE = "application/cose";
    private static final long X5CHAIN = 33;

    private CoseEnvelope() {}

    public static NotationEnvelope parse(byte[] bytes) throws NotationFailure {
        Object root = Cbor.decode(bytes, "the COSE envelope");
        if (root instanceof Cbor.Tagged t) {
            if (t.tag() != 18) {
                throw new NotationFailure("the COSE envelope is tagged " + t.tag() + ", not 18 (COSE_Sign1)");
            }
            root = t.value();
        }
        if (!(root instanceof List<?> parts) || parts.size() != 4) {
            throw new NotationFailure("the COSE envelope is not a COSE_Sign1 array of four");
        }
        if (!(parts.get(0) instanceof byte[] protectedBytes)
                || !(parts.get(1) instanceof Map<?, ?> unprotected)
                || !(parts.get(2) instanceof byte[] payloadBytes)
                || !(parts.get(3) instanceof byte[] signature)) {
            throw new NotationFailure("the COSE envelope's parts are not protected, unprotected, payload, signature");
        }
        if (!(Cbor.decode(protectedBytes, "the COSE protected header") instanceof Map<?, ?> header)) {
            throw new NotationFailure("the COSE protected header is not a map");
        }
        String alg = switch (header.get(1L) instanceof Long l ? l.intValue() : 0) {
            case -37 -> "PS256";
            case -38 -> "PS384";
            case -39 -> "PS512";
            case -7 -> "ES256";
            case -35 -> "ES384";
            case -36 -> "ES512";
            default -> "COSE algorithm " + header.get(1L);
        };
        Set<String> critical = new HashSet<>();
        if (header.get(2L) instanceof List<?> crit) {
            for (Object c : crit) {
                critical.add(String.valueOf(c));
            }
        }
        String contentType = header.get(3L) instanceof String s ? s : "";
        String scheme = header.get(NotationVerifier.SCHEME) instanceof String s ? s : "";
        Object x5 = unprotected.get(X5CHAIN);
        List<byte[]> ders = new ArrayList<>();
        if (x5 instanceof byte[] one) {
            ders.add(one);
        } else if (x5 instanceof List<?> many && !many.isEmpty() && many.size() <= 10) {
            for (Object c : many) {
                if (!(c instanceof byte[] der)) {
                    throw new NotationFailure("the COSE x5chain holds something other than certificates");
                }
                ders.add(der);
            }
        } else {
            throw new NotationFailure("the COSE envelope has no certificate chain (x5chain, label 33)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new NotationFailure("the COSE x5chain does not parse");
        }
        JsonNode payload;
        try {
            payload = Json.tree(payloadBytes, "the COSE payload");
        } catch (VouchException e) {
            throw new NotationFailure(e.getMessage());
        }
        return new NotationEnvelope(
                alg,
                contentType,
                scheme,
                critical,
                time(header, NotationVerifier.SIGNING_TIME),
                time(header, NotationVerifier.AUTHENTIC_TIME),
                time(header, NotationVerifier.EXPIRY),
                payload,
                chain,
                sigStructure(protectedBytes, payloadBytes),
                signature,
                unprotected.get(NotationVerifier.TIMESTAMP) instanceof byte[] token ? token : null);
    }

    /** {@code ["Signature1", protected, h'', payload]} in CBOR. */
    static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cbor.head(out, 4, 4);
        byte[] context = "Signature1".getBytes(StandardCharsets.US_ASCII);
        Cbor.head(out, 3, context.length);
        out.writeBytes(context);
        Cbor.head(out, 2, protectedBytes.length);
        out.writeBytes(protectedBytes);
        Cbor.head(out, 2, 0);
        Cbor.head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static Instant time(Map<?, ?> header, String name) throws NotationFailure {
        Object v = header.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Cbor.Tagged t && t.tag() == 1 && t.value() instanceof Long seconds) {
            return Instant.ofEpochSecond(seconds);
        }
        throw new NotationFailure("the COSE protected header's " + name + " is not a tag 1 time");
    }
}
