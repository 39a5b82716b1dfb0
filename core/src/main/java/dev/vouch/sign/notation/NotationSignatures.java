package dev.vouch.sign.notation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vouch.error.RegistryException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.MediaTypes;
import dev.vouch.io.Json;
import dev.vouch.registry.RegistryClient;
import dev.vouch.sign.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Notation signatures of an image in a registry (<a
 * href="https://github.com/notaryproject/specifications/blob/main/specs/signature-specification.md">the Notary
 * Project's signature specification</a>): manifests of artifact type {@code application/vnd.cncf.notary.signature}
 * whose subject is the image, one envelope layer each, found with the referrers API or its {@code sha256-HEX} tag
 * fallback; each checked under the trust policy statement for the image's repository. Signing attaches one the same
 * way, keeping the fallback tag's index up to date for registries without the referrers API.
 */
public final class NotationSignatures {
    public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
    private static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
    private static final int MAX_ENVELOPE = 4 << 20;
    private static final int MAX_SIGNATURES = 50;

    private NotationSignatures() {}

    /** Every Notation signature of {@code subject} in the reference's repository, checked. */
    public static List<SignatureCheck> check(
            RegistryClient client,
            dev.vouch.image.ImageRef ref,
            Descriptor subject,
            NotationTrustPolicy policy,
            NotationTrustStore store,
            Instant now) {
        List<SignatureCheck> out = new ArrayList<>();
        String registryRepository = ref.name();
        String repo = ref.path();
        NotationTrustPolicy.Statement statement = policy.forRepository(registryRepository);
        int n = 0;
        for (Descriptor d : client.referrers(repo, subject.digest()).manifests()) {
            if (!ARTIFACT_TYPE.equals(d.artifactType())) {
                continue;
            }
            if (++n > MAX_SIGNATURES) {
                break;
            }
            String source = registryRepository + "@" + d.digest();
            if (statement == null) {
                out.add(check(source, false, null, "no trust policy statement applies to " + registryRepository));
                continue;
            }
            JsonNode manifest =
                    Json.tree(client.getManifest(repo, d.digest().toString()).bytes(), source);
            JsonNode layer = manifest.path("layers").path(0);
            if (!ARTIFACT_TYPE.equals(manifest.path("artifactType").asText())
                    || !subject.digest()
                            .toString()
                            .equals(manifest.path("subject").path("digest").asText())
                    || manifest.path("layers").size() != 1) {
                out.add(check(source, false, null, "not a Notation signature manifest of this image"));
                continue;
            }
            Descriptor envelope = Descriptor.of(
                    layer.path("mediaType").asText(""),
                    Digest.parse(layer.path("digest").asText("")),
                    layer.path("size").asLong(-1));
            byte[] bytes = client.getBlob(repo, envelope, MAX_ENVELOPE);
            NotationVerifier.Result r =
                    NotationVerifier.verify(bytes, envelope.mediaType(), subject, statement, store, now);
            out.add(check(
                    source,
                    r.valid(),
                    r.valid()
                            ? "notation " + r.signer() + " (trust policy " + statement.name() + ", "
                                    + statement.level().name().toLowerCase(java.util.Locale.ROOT) + ")"
                            : null,
                    r.valid() ? null : r.failure()));
        }
        return out;
    }

    private static SignatureCheck check(String source, boolean valid, String key, String reason) {
        return new SignatureCheck(source, valid, key, null, null, reason).withKind("notation");
    }

    /**
     * Attaches a signature of {@code subject}: the envelope ({@code envelopeType}: JWS or COSE) and an empty config as
     * blobs, the signature manifest by digest, and the manifest listed in the {@code sha256-HEX} tag's index (the
     * referrers fallback).
     *
     * @return the signature manifest's digest
     */
    public static Digest attach(
            RegistryClient client,
            String repo,
            Descriptor subject,
            byte[] envelope,
            String envelopeType,
            List<X509Certificate> chain) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        Digest config = client.pushBlob(repo, empty);
        Digest layer = client.pushBlob(repo, envelope);
        var mapper = Json.compact();
        ObjectNode m = mapper.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.put("artifactType", ARTIFACT_TYPE);
        m.set("config", descriptor(mapper.createObjectNode(), EMPTY_CONFIG, config, empty.length));
        m.putArray("layers").add(descriptor(mapper.createObjectNode(), envelopeType, layer, envelope.length));
        m.set("subject", descriptor(mapper.createObjectNode(), subject.mediaType(), subject.digest(), subject.size()));
        ArrayNode thumbprints = mapper.createArrayNode();
        for (X509Certificate c : chain) {
            try {
                thumbprints.add(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
            } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        m.putObject("annotations").put("io.cncf.notary.x509chain.thumbprint#S256", thumbprints.toString());
        byte[] manifest;
        try {
            manifest = mapper.writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Digest digest =
                client.pushManifest(repo, Digest.sha256(manifest).toString(), MediaTypes.OCI_MANIFEST, manifest);
        // the referrers fallback: the tag sha256-HEX names an index of the referrers, this one added
        String tag = subject.digest().algorithm() + "-" + subject.digest().hex();
        ObjectNode index;
        try {
            index = (ObjectNode) Json.tree(client.getManifest(repo, tag).bytes(), repo + ":" + tag);
        } catch (RegistryException e) {
            if (!e.getMessage().contains("not found")) {
                throw e;
            }
            index = mapper.createObjectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests");
        }
        ObjectNode entry = descriptor(mapper.createObjectNode(), MediaTypes.OCI_MANIFEST, digest, manifest.length);
        entry.put("artifactType", ARTIFACT_TYPE);
        ((ArrayNode) index.withArray("manifests")).add(entry);
        try {
            client.pushManifest(repo, tag, MediaTypes.OCI_INDEX, mapper.writeValueAsBytes(index));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return digest;
    }

    private static ObjectNode descriptor(ObjectNode n, String mediaType, Digest digest, long size) {
        n.put("mediaType", mediaType);
        n.put("digest", digest.toString());
        n.put("size", size);
        return n;
    }
}
