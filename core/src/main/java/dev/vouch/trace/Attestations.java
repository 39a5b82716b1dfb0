package dev.vouch.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.VouchException;
import dev.vouch.image.Blobs;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.Image;
import dev.vouch.image.ImageIndex;
import dev.vouch.io.Json;
import dev.vouch.sign.SignatureVerifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds the provenance attestations of an image. BuildKit's: in the index the image was selected from, a manifest
 * annotated {@code vnd.docker.reference.type: attestation-manifest} and {@code vnd.docker.reference.digest: <this
 * image>}, whose layers are in-toto statements (unsigned). cosign's: DSSE envelopes ({@code
 * application/vnd.dsse.envelope.v1+json} layers) of the {@code sha256-HEX.att} manifest, whose ECDSA signatures over
 * the DSSE pre-authentication encoding are checked with the given keys.
 */
public final class Attestations {
    private static final int MAX_STATEMENT = 8 << 20;
    private static final int MAX_LAYERS = 50;

    private Attestations() {}

    /** BuildKit's attestations of {@code image}, read through its blob store (digests checked). */
    public static List<Attestation> buildKit(Image image) throws IOException {
        List<Attestation> out = new ArrayList<>();
        if (image.index() == null) {
            return out;
        }
        byte[] indexBytes = Blobs.read(
                image.blobs(), image.index(), 4 << 20, "index " + image.index().digest());
        ImageIndex index =
                Json.read(indexBytes, ImageIndex.class, "index " + image.index().digest());
        List<Digest> subjects = List.of(image.digest());
        for (Descriptor m : index.manifests()) {
            if (!"attestation-manifest".equals(m.annotation("vnd.docker.reference.type"))
                    || !image.digest().toString().equals(m.annotation("vnd.docker.reference.digest"))) {
                continue;
            }
            String where = "attestation manifest " + m.digest();
            JsonNode manifest = Json.tree(Blobs.read(image.blobs(), m, 4 << 20, where), where);
            int n = 0;
            for (JsonNode l : manifest.path("layers")) {
                if (n++ >= MAX_LAYERS) {
                    break;
                }
                if (!l.path("mediaType").asText().startsWith("application/vnd.in-toto+json")) {
                    continue;
                }
                Descriptor d = Descriptor.of(
                        l.path("mediaType").asText(),
                        Digest.parse(l.path("digest").asText()),
                        l.path("size").asLong(-1));
                byte[] statement = Blobs.read(image.blobs(), d, MAX_STATEMENT, where + " layer " + d.digest());
                out.add(InTotoStatements.read(statement, where + " layer " + (n - 1), subjects, null));
            }
        }
        return out;
    }

    /**
     * One cosign attestation (a DSSE envelope), its signature checked with the keys: "verified by KEY", or why not.
     *
     * @param digests this image's digests (the statement's subject must be one)
     */
    public static Attestation dsse(
            byte[] envelope, String source, List<Digest> digests, List<SignatureVerifier.NamedKey> keys) {
        JsonNode e = Json.tree(envelope, source);
        String type = e.path("payloadType").asText("");
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(e.path("payload").asText(""));
        } catch (IllegalArgumentException x) {
            throw new dev.vouch.error.InvalidInputException(source + ": payload is not base64");
        }
        String signature = "unsigned";
        if (e.path("signatures").size() > 0) {
            signature = keys.isEmpty() ? "signed; no key given to check it" : "no given key verifies it";
            byte[] pae = Dsse.pae(type, payload);
            outer:
            for (JsonNode s : e.path("signatures")) {
                for (SignatureVerifier.NamedKey k : keys) {
                    if (SignatureVerifier.verifies(pae, s.path("sig").asText(""), k.key())) {
                        signature = "verified by " + k.name();
                        break outer;
                    }
                }
            }
        }
        if (!type.equals("application/vnd.in-toto+json")) {
            return new Attestation(
                    source, null, false, null, null, null, null, null, null, signature + "; payloadType " + type);
        }
        try {
            return InTotoStatements.read(payload, source, digests, signature);
        } catch (VouchException x) {
            return new Attestation(
                    source, null, false, null, null, null, null, null, null, signature + "; " + x.getMessage());
        }
    }

    /**
     * An attestation carried in a Sigstore bundle (cosign's new format: a DSSE envelope attached as a referrer), with
     * the verdict of its keyless verification, made by the caller.
     */
    public static Attestation bundle(String bundleJson, String source, List<Digest> digests, String verdict) {
        JsonNode b = Json.tree(bundleJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), source);
        JsonNode env = b.path("dsseEnvelope");
        if (env.isMissingNode()) {
            return new Attestation(
                    source, null, false, null, null, null, null, null, null, verdict + "; not a DSSE bundle");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(env.path("payload").asText(""));
        } catch (IllegalArgumentException x) {
            throw new dev.vouch.error.InvalidInputException(source + ": dsseEnvelope.payload is not base64");
        }
        try {
            return InTotoStatements.read(payload, source, digests, verdict);
        } catch (VouchException x) {
            return new Attestation(
                    source, null, false, null, null, null, null, null, null, verdict + "; " + x.getMessage());
        }
    }
}
