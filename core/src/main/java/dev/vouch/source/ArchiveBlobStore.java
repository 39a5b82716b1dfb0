package dev.vouch.source;

import dev.vouch.error.InvalidInputException;
import dev.vouch.image.BlobStore;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Blobs stored as files of an {@link ArchiveAccess}: at {@code blobs/ALG/HEX} in an OCI layout, or at the names a
 * docker-archive's {@code manifest.json} gives (passed in as {@code named}).
 */
final class ArchiveBlobStore implements BlobStore {
    private final ArchiveAccess files;
    private final String description;
    private final Map<Digest, String> named;

    ArchiveBlobStore(ArchiveAccess files, String description, Map<Digest, String> named) {
        this.files = files;
        this.description = description;
        this.named = Map.copyOf(named);
    }

    private String fileName(Digest d) {
        String n = named.get(d);
        return n != null ? n : "blobs/" + d.algorithm() + "/" + d.hex();
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public InputStream open(Descriptor descriptor) throws IOException {
        String name = fileName(descriptor.digest());
        if (!files.exists(name)) {
            throw new InvalidInputException(
                    description + ": blob " + descriptor.digest() + " is missing (" + name + ")");
        }
        return files.open(name);
    }

    @Override
    public boolean has(Descriptor descriptor) {
        return files.exists(fileName(descriptor.digest()));
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
