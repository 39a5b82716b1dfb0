package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * What a Notation signature envelope says, whichever its format (JWS or COSE): the signature algorithm, the payload's
 * content type, the signing scheme, the names marked critical, the signing time or authentic signing time, the expiry,
 * the payload, the certificate chain (leaf first), the bytes signed, the signature, and the RFC 3161 timestamp token
 * countersigning it ({@code io.cncf.notary.timestampSignature}, unprotected), or null.
 */
public record NotationEnvelope(
        String alg,
        String contentType,
        String scheme,
        Set<String> critical,
        Instant signingTime,
        Instant authenticSigningTime,
        Instant expiry,
        JsonNode payload,
        List<X509Certificate> chain,
        byte[] signingInput,
        byte[] signature,
        byte[] timestampToken) {
    public NotationEnvelope {
        critical = Set.copyOf(critical);
        chain = List.copyOf(chain);
    }

    /** Whether the signature verifies with the leaf certificate's key under the header's algorithm. */
    public void verifySignature() throws NotationFailure {
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
}
