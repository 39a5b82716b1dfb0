package dev.vouch.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.VouchException;
import dev.vouch.image.Digest;
import dev.vouch.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * containers/image's "simple signing" signatures as {@code skopeo copy --sign-by} writes them (<a
 * href="https://github.com/containers/image/blob/main/docs/containers-signature.5.md">containers-signature(5)</a>): an
 * OpenPGP signed message (one-pass signature, literal data, signature) whose literal data is the JSON {@code
 * critical.type "atomic container signature"}, {@code critical.image.docker-manifest-digest}, {@code
 * critical.identity.docker-reference}. Stored beside the registry in "lookaside" storage:
 * {@code BASE/REPOSITORY_PATH@sha256=HEX/signature-N}.
 */
public final class GpgSimpleSigning {
    private static final int MAX_PAYLOAD = 1 << 20;

    private GpgSimpleSigning() {}

    /** Public keys from an armored or binary key file. */
    public static PGPPublicKeyRingCollection keys(byte[] file, String name) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(file))) {
            return new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        } catch (IOException | PGPException | RuntimeException e) {
            throw new InvalidInputException(name + ": not an OpenPGP public key (" + e.getMessage() + ")");
        }
    }

    /** The path of signature {@code n} (1-based) of {@code digest} in lookaside storage, under BASE. */
    public static String lookasidePath(String repositoryPath, Digest digest, int n) {
        return repositoryPath + "@" + digest.algorithm() + "=" + digest.hex() + "/signature-" + n;
    }

    /**
     * Checks one signature file against the keys, then its payload against the image.
     *
     * @param repository the image's repository ({@code registry/path}) its reference must name
     */
    public static SignatureCheck check(
            String source, byte[] signature, PGPPublicKeyRingCollection keys, List<Digest> digests, String repository) {
        byte[] payload;
        String signer;
        try {
            Verified v = verify(signature, keys);
            if (v == null) {
                return new SignatureCheck(source, false, null, null, null, "no given key verifies it (wrong key)");
            }
            payload = v.payload();
            signer = "gpg " + v.fingerprint();
        } catch (VouchException e) {
            return new SignatureCheck(source, false, null, null, null, "malformed: " + e.getMessage());
        }
        JsonNode p;
        try {
            p = Json.tree(payload, source);
        } catch (VouchException e) {
            return new SignatureCheck(source, false, null, null, null, "malformed payload: " + e.getMessage());
        }
        JsonNode critical = p.path("critical");
        if (!"atomic container signature".equals(critical.path("type").asText())) {
            return new SignatureCheck(
                    source, false, null, null, null, "critical.type is not \"atomic container signature\"");
        }
        String ref = critical.path("identity").path("docker-reference").asText(null);
        String signed = critical.path("image").path("docker-manifest-digest").asText("");
        Digest d;
        try {
            d = Digest.parse(signed);
        } catch (VouchException e) {
            return new SignatureCheck(
                    source, false, null, ref, signed, "critical.image.docker-manifest-digest is not a digest");
        }
        if (!digests.contains(d)) {
            return new SignatureCheck(
                    source, false, null, ref, signed, "signs " + signed + ", not this image (" + digests.get(0) + ")");
        }
        if (!SignatureVerifier.sameRepository(ref, repository)) {
            return new SignatureCheck(
                    source, false, null, ref, signed, "signed for " + ref + ", not for " + repository);
        }
        return new SignatureCheck(source, true, signer, ref, signed, null);
    }

    private record Verified(byte[] payload, String fingerprint) {}

    /** The signed payload and the signer, or null when no key verifies it; malformed messages throw. */
    private static Verified verify(byte[] message, PGPPublicKeyRingCollection keys) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(message))) {
            BcPGPObjectFactory f = new BcPGPObjectFactory(in);
            Object o = f.nextObject();
            if (o instanceof PGPCompressedData c) {
                f = new BcPGPObjectFactory(c.getDataStream());
                o = f.nextObject();
            }
            if (!(o instanceof PGPOnePassSignatureList ops) || ops.isEmpty()) {
                throw new InvalidInputException("not an OpenPGP signed message");
            }
            PGPOnePassSignature one = ops.get(0);
            Object lit = f.nextObject();
            if (!(lit instanceof PGPLiteralData literal)) {
                throw new InvalidInputException("no literal data in the signed message");
            }
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            try (InputStream li = literal.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = li.read(buf)) > 0; ) {
                    if (data.size() + n > MAX_PAYLOAD) {
                        throw new InvalidInputException("the signed payload is over " + MAX_PAYLOAD + " bytes");
                    }
                    data.write(buf, 0, n);
                }
            }
            Object sigs = f.nextObject();
            if (!(sigs instanceof PGPSignatureList list) || list.isEmpty()) {
                throw new InvalidInputException("no signature after the literal data");
            }
            PGPSignature sig = list.get(0);
            PGPPublicKey key = keys.getPublicKey(one.getKeyID());
            if (key == null || sig.getKeyID() != one.getKeyID()) {
                return null;
            }
            one.init(new BcPGPContentVerifierBuilderProvider(), key);
            one.update(data.toByteArray());
            if (!one.verify(sig)) {
                return null;
            }
            return new Verified(
                    data.toByteArray(), HexFormat.of().withUpperCase().formatHex(key.getFingerprint()));
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof VouchException v) {
                throw v;
            }
            throw new InvalidInputException("not a readable OpenPGP message (" + e.getMessage() + ")");
        }
    }
}
