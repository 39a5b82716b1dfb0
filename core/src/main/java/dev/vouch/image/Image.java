package dev.vouch.image;

import java.io.IOException;
import java.util.List;

/**
 * One image, whatever its source: the single abstraction every later part consumes (after go-containerregistry's
 * {@code v1.Image}). By the time an {@code Image} exists, its index (if any), manifest and config have been read
 * and verified, and the manifest's layers have been matched one to one with the config's diff_ids. Layer blobs
 * are read later, through {@link #openLayer}, and verified as they stream.
 *
 * @param source where it came from, e.g. {@code oci:/tmp/layout:1}
 * @param blobs the store its blobs are read from
 * @param index the index or manifest list it was selected from, or null
 * @param manifestDescriptor the manifest's descriptor (its digest is the image digest)
 * @param manifestSynthesized true for legacy docker-archive images, which carry no manifest: vouch wrote one
 * @param repoTags names the source records for the image (docker-archive RepoTags, OCI ref names)
 * @param engine the local engine it was exported from, or null for other sources
 */
public record Image(
        String source,
        BlobStore blobs,
        Descriptor index,
        Descriptor manifestDescriptor,
        boolean manifestSynthesized,
        Manifest manifest,
        ImageConfig config,
        List<Layer> layers,
        List<String> repoTags,
        EngineOrigin engine)
        implements AutoCloseable {

    public Image {
        layers = List.copyOf(layers);
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
    }

    /** The same image, read from a local engine. */
    public Image withEngine(String source, EngineOrigin origin) {
        return new Image(
                source,
                blobs,
                index,
                manifestDescriptor,
                manifestSynthesized,
                manifest,
                config,
                layers,
                repoTags,
                origin);
    }

    /** The same image with only these layers (what to fetch ahead of a walk that reads only them). */
    public Image withLayers(List<Layer> only) {
        return new Image(
                source,
                blobs,
                index,
                manifestDescriptor,
                manifestSynthesized,
                manifest,
                config,
                only,
                repoTags,
                engine);
    }

    /** The image digest: the manifest's digest. */
    public Digest digest() {
        return manifestDescriptor.digest();
    }

    /** Opens a layer's blob; its digest and size are verified when the stream ends. */
    public DigestingInputStream openLayer(Layer layer) throws IOException {
        return Blobs.open(blobs, layer.descriptor(), layer.name());
    }

    /** Releases the files the blobs are read from. */
    @Override
    public void close() throws IOException {
        blobs.close();
    }
}
