package dev.vouch.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's blobs are read from. Implementations hand out raw, unverified bytes; {@link Blobs} wraps
 * every read so that its digest and size are checked.
 */
public interface BlobStore extends java.io.Closeable {
    /** Names the store in messages, e.g. {@code oci:/path/to/layout:1}. */
    String description();

    /** The raw bytes of a blob. Throws {@link dev.vouch.error.InvalidInputException} when it is missing. */
    InputStream open(Descriptor descriptor) throws IOException;

    /**
     * Whether the blobs are files the user holds (an OCI layout, a docker-archive), not a registry's: a layer whose
     * results are stored is still hashed from such a store, so a local blob changed since its verified read is found.
     */
    default boolean local() {
        return false;
    }

    /** Whether the store holds the blob (foreign layers often are not). */
    boolean has(Descriptor descriptor);

    /**
     * Fetches blobs ahead of their reading, in parallel where the store is remote; local stores have nothing to
     * do. Every blob fetched is verified before it is kept.
     */
    default void prefetch(java.util.List<Descriptor> blobs, DownloadListener listener) throws IOException {}
}
