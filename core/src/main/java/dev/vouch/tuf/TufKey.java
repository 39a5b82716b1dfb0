package dev.vouch.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A public key of TUF metadata as Notary writes it (<a
 * href="https://github.com/notaryproject/notary/blob/master/docs/reference/server-config.md">Notary v1</a>, the
 * trust data of Docker Content Trust): {@code {"keytype": T, "keyval": {"private": null, "public": BASE64}}}, where T
 * is {@code ecdsa} or {@code rsa} (a DER SubjectPublicKeyInfo), {@code ecdsa-x509} or {@code rsa-x509} (a PEM
 * certificate, as root keys are), or {@code ed25519} (32 raw bytes). Its id is the SHA-256 of that object in canonical
 * JSON, which {@link #notary} checks.
 *
 * @param id the key id (hex SHA-256)
 * @param type the key type as written
 * @param key the public key (Ed25519 keys: null, see {@code ed25519})
 * @param ed25519 the raw Ed25519 key, or null
 * @param certificate the certificate of an x509 key type, or null
 */
public record TufKey(String id, String type, PublicKey key, byte[] ed25519, X509Certificate certificate) {

    /** Reads a Notary key and checks that {@code id} is its id. */
    public static TufKey notary(String id, JsonNode node, String where) throws TufFailure {
        String type = node.path("keytype").asText("");
        JsonNode keyval = node.path("keyval");
        JsonNode pub = keyval.path("public");
        if (!pub.isTextual()
                || !(keyval.path("private").isNull() || keyval.path("private").isMissingNode())) {
            throw new TufFailure(where + ": key " + id + " is not a public key");
        }
        String publicText = pub.asText();
        if (!type.matches("[a-z0-9-]{1,32}") || !publicText.matches("[A-Za-z0-9+/=]*")) {
            throw new TufFailure(where + ": key " + id + " is malformed");
        }
        String canonical =
                "{\"keytype\":\"" + type + "\",\"keyval\":{\"private\":null,\"public\":\"" + publicText + "\"}}";
        String computed =
                HexFormat.of().formatHex(MetaFile.digest("SHA-256", canonical.getBytes(StandardCharsets.UTF_8)));
        if (!computed.equals(id)) {
            throw new TufFailure(where + ": key " + id + " has the id " + computed);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(publicText);
        } catch (IllegalArgumentException e) {
            throw new TufFailure(where + ": key " + id + " is not base64");
        }
        try {
            return switch (type) {
                case "ed25519" -> {
                    if (raw.length != 32) {
                        throw new TufFailure(where + ": ed25519 key " + id + " is " + raw.length + " bytes, not 32");
                    }
                    yield new TufKey(id, type, null, raw, null);
                }
                case "ecdsa" ->
                    new TufKey(
                            id,
                            type,
                            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(raw)),
                            null,
                            null);
                case "rsa" ->
                    new TufKey(
                            id,
                            type,
                            KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(raw)),
                            null,
                            null);
                case "ecdsa-x509", "rsa-x509" -> {
                    X509Certificate cert = (X509Certificate)
                            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(raw));
                    yield new TufKey(id, type, cert.getPublicKey(), null, cert);
                }
                default -> throw new TufFailure(where + ": key " + id + " has an unknown type " + type);
            };
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new TufFailure(where + ": key " + id + " (" + type + ") does not parse");
        }
    }

    /**
     * Whether {@code sig} (base64) signs {@code data} under {@code method} as Notary signs: {@code ecdsa} (raw r||s over
     * SHA-256), {@code eddsa}/{@code ed25519}, {@code rsapss} (PSS, SHA-256, salt as long as the hash) and {@code rsa}
     * (PKCS#1 v1.5, SHA-256). A method that does not fit the key's type never verifies.
     */
    public boolean verifies(String method, byte[] data, String sig) {
        byte[] s;
        try {
            s = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            switch (method) {
                case "eddsa", "ed25519" -> {
                    if (ed25519 == null || s.length != 64) {
                        return false;
                    }
                    Ed25519Signer v = new Ed25519Signer();
                    v.init(false, new Ed25519PublicKeyParameters(ed25519, 0));
                    v.update(data, 0, data.length);
                    return v.verifySignature(s);
                }
                case "ecdsa" -> {
                    if (!(key instanceof ECPublicKey ec) || s.length % 2 != 0 || s.length == 0 || s.length > 132) {
                        return false;
                    }
                    int half = s.length / 2;
                    int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
                    if (half != size) {
                        return false;
                    }
                    ASN1EncodableVector v = new ASN1EncodableVector();
                    v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(s, 0, half))));
                    v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(s, half, s.length))));
                    Signature verifier = Signature.getInstance("SHA256withECDSA");
                    verifier.initVerify(key);
                    verifier.update(data);
                    return verifier.verify(new DERSequence(v).getEncoded());
                }
                case "rsapss" -> {
                    if (key == null || !key.getAlgorithm().equals("RSA")) {
                        return false;
                    }
                    Signature verifier = Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    verifier.initVerify(key);
                    verifier.update(data);
                    return verifier.verify(s);
                }
                case "rsa", "pkcs1v15" -> {
                    if (key == null || !key.getAlgorithm().equals("RSA")) {
                        return false;
                    }
                    Signature verifier = Signature.getInstance("SHA256withRSA");
                    verifier.initVerify(key);
                    verifier.update(data);
                    return verifier.verify(s);
                }
                default -> {
                    return false;
                }
            }
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a certificate key is outside its validity at {@code now} (other keys never expire). */
    public boolean expiredAt(Instant now) {
        return certificate != null
                && (now.isAfter(certificate.getNotAfter().toInstant())
                        || now.isBefore(certificate.getNotBefore().toInstant()));
    }

    /** Whether this key is {@code other} (same public key bytes), whatever its wrapping (certificate or bare key). */
    public boolean sameKey(PublicKey other) {
        if (ed25519 != null || key == null) {
            return false;
        }
        return java.util.Arrays.equals(key.getEncoded(), other.getEncoded());
    }
}
