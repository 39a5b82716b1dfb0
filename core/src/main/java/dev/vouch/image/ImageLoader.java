package dev.vouch.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.IntegrityException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.error.UnsupportedInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a starting descriptor (or a layout's top-level index) into an {@link Image}: reads every index, manifest
 * and config through a verified, bounded read, tells an index from a manifest by its media type (document first,
 * then descriptor, then shape, as the <a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">OCI index spec</a> suggests),
 * selects a platform from indexes and Docker manifest lists, and matches the manifest's layers with the config's
 * diff_ids one to one.
 */
public final class ImageLoader {
    /** How deep indexes may nest (an index pointing at an index …). */
    static final int MAX_INDEX_DEPTH = 4;

    private final BlobStore store;
    private final String source;
    private final Platform platform;

    public ImageLoader(BlobStore store, String source, Platform platform) {
        this.store = store;
        this.source = source;
        this.platform = platform == null ? Platform.LINUX_AMD64 : platform;
    }

    /** Loads the image a descriptor points at (a manifest, or an index to select from). */
    public Image load(Descriptor start, List<String> names) throws IOException {
        return load(start, null, names, 0);
    }

    /**
     * Selects from an index that is not itself a blob (an OCI layout's {@code index.json}, which nothing
     * addresses by digest), then loads the selected image.
     */
    public Image loadFromIndex(ImageIndex index, String what, List<String> names) throws IOException {
        Descriptor chosen = select(index, what);
        return load(chosen, null, names, 1);
    }

    private Image load(Descriptor d, Descriptor parentIndex, List<String> names, int depth) throws IOException {
        if (depth > MAX_INDEX_DEPTH) {
            throw new InvalidInputException(source + ": indexes nest deeper than " + MAX_INDEX_DEPTH + " levels");
        }
        if (MediaTypes.isSchema1(d.mediaType())) {
            throw schema1(d);
        }
        String what = kindName(d) + " " + d.digest();
        byte[] bytes = Blobs.read(store, d, BoundedReads.MAX_MANIFEST_BYTES, what);
        JsonNode tree = Json.tree(bytes, what);
        if (!tree.isObject()) {
            throw new InvalidInputException(what + ": expected a JSON object");
        }
        String docType =
                tree.path("mediaType").isTextual() ? tree.get("mediaType").asText() : null;
        if (docType != null
                && d.mediaType() != null
                && !docType.equals(d.mediaType())
                && !MediaTypes.OCI_DESCRIPTOR.equals(d.mediaType())) {
            throw new InvalidInputException(
                    what + ": the document's mediaType " + docType + " differs from its descriptor's " + d.mediaType());
        }
        if (tree.path("schemaVersion").asInt(2) == 1 || MediaTypes.isSchema1(docType)) {
            throw schema1(d);
        }
        String type = docType != null ? docType : d.mediaType();
        boolean index = MediaTypes.isIndex(type) || (!MediaTypes.isManifest(type) && tree.has("manifests"));
        if (index) {
            ImageIndex idx = Json.convert(tree, ImageIndex.class, what);
            Descriptor chosen = select(idx, what);
            return load(chosen, d, names, depth + 1);
        }
        if (!MediaTypes.isManifest(type) && !(tree.has("config") && tree.has("layers"))) {
            throw new UnsupportedInputException(
                    what + ": media type " + type + " is neither an image manifest nor an index");
        }
        Manifest manifest = Json.convert(tree, Manifest.class, what);
        Descriptor withType = d.mediaType() != null && !MediaTypes.OCI_DESCRIPTOR.equals(d.mediaType())
                ? d
                : new Descriptor(type, d.digest(), d.size(), d.annotations(), d.platform(), d.urls(), d.artifactType());
        return fromManifest(withType, manifest, parentIndex, false, names);
    }

    /** Builds the image from a verified (or, for legacy docker-archives, synthesized) manifest. */
    public Image fromManifest(
            Descriptor manifestDescriptor,
            Manifest manifest,
            Descriptor parentIndex,
            boolean synthesized,
            List<String> names)
            throws IOException {
        String manifestName = "manifest " + manifestDescriptor.digest();
        Descriptor cd = manifest.config();
        String cmt = cd.mediaType();
        if (cmt != null && !cmt.equals(MediaTypes.OCI_CONFIG) && !cmt.equals(MediaTypes.DOCKER_CONFIG)) {
            throw new UnsupportedInputException(
                    manifestName + " is an artifact (config media type " + cmt + "), not a container image");
        }
        String configName = "config " + cd.digest();
        byte[] configBytes = Blobs.read(store, cd, BoundedReads.MAX_CONFIG_BYTES, configName);
        ImageConfig config = Json.read(configBytes, ImageConfig.class, configName);
        List<Digest> diffIds = config.rootfs().diffIds();
        if (manifest.layers().size() != diffIds.size()) {
            throw new IntegrityException(manifestName + " lists "
                    + manifest.layers().size() + " layers but " + configName + " has " + diffIds.size() + " diff_ids");
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor ld = manifest.layers().get(i);
            boolean foreign = MediaTypes.isForeignLayer(ld.mediaType());
            boolean available = store.has(ld);
            Layer layer = new Layer(i, ld, diffIds.get(i), foreign, available);
            if (!available && !foreign) {
                throw new InvalidInputException(store.description() + ": blob of " + layer.name() + " is missing");
            }
            layers.add(layer);
        }
        return new Image(
                source, store, parentIndex, manifestDescriptor, synthesized, manifest, config, layers, names, null);
    }

    /** Picks one manifest from an index: by platform, or the only image there is. */
    Descriptor select(ImageIndex index, String what) {
        List<Descriptor> images = new ArrayList<>();
        for (Descriptor m : index.manifests()) {
            if (isAttestation(m)) {
                continue;
            }
            if (m.mediaType() == null
                    || MediaTypes.isManifest(m.mediaType())
                    || MediaTypes.isIndex(m.mediaType())
                    || MediaTypes.isSchema1(m.mediaType())
                    || MediaTypes.OCI_DESCRIPTOR.equals(m.mediaType())) {
                images.add(m);
            }
        }
        if (images.isEmpty()) {
            throw new InvalidInputException(what + " lists no image manifests");
        }
        List<Descriptor> withPlatform =
                images.stream().filter(m -> m.platform() != null).toList();
        if (withPlatform.isEmpty()) {
            if (images.size() == 1) {
                return images.get(0);
            }
            Set<String> names = new LinkedHashSet<>();
            for (Descriptor m : images) {
                String n = m.annotation("org.opencontainers.image.ref.name");
                names.add(n != null ? n : m.digest().toString());
            }
            throw new InvalidInputException(what + " holds " + images.size()
                    + " images and none names a platform; choose one by tag: " + String.join(", ", names));
        }
        for (Descriptor m : withPlatform) {
            if (platform.accepts(m.platform())) {
                return m;
            }
        }
        Set<String> available = new LinkedHashSet<>();
        for (Descriptor m : withPlatform) {
            available.add(m.platform().toString());
        }
        throw new InvalidInputException(
                what + " has no image for platform " + platform + "; available: " + String.join(", ", available));
    }

    private static boolean isAttestation(Descriptor m) {
        if ("attestation-manifest".equals(m.annotation("vnd.docker.reference.type"))) {
            return true;
        }
        Platform p = m.platform();
        return p != null && "unknown".equals(p.os()) && "unknown".equals(p.architecture());
    }

    private static String kindName(Descriptor d) {
        if (MediaTypes.isIndex(d.mediaType())) {
            return "index";
        }
        return "manifest";
    }

    private UnsupportedInputException schema1(Descriptor d) {
        return new UnsupportedInputException("manifest " + d.digest()
                + " is Docker image manifest v2 schema 1, which vouch refuses: its layers carry"
                + " no diff_ids and its signature covers no digest vouch can check, and Docker deprecated it in"
                + " 2017; re-push the image with a current client");
    }
}
