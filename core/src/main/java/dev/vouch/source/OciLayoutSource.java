package dev.vouch.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Image;
import dev.vouch.image.ImageIndex;
import dev.vouch.image.ImageLoader;
import dev.vouch.image.Platform;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image layout</a>, in a
 * directory or a tar file: {@code oci-layout}, {@code index.json} and {@code blobs/}. A tag selects the manifest
 * whose {@code org.opencontainers.image.ref.name} (or containerd's {@code io.containerd.image.name}) matches.
 */
final class OciLayoutSource {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private OciLayoutSource() {}

    static boolean looksLike(ArchiveAccess files) {
        return files.exists("oci-layout") && files.exists("index.json");
    }

    /** Reads the layout's {@code index.json}; null when it lists no manifests at all. */
    static ImageIndex readIndex(ArchiveAccess files) throws IOException {
        String where = files.description();
        if (!files.exists("oci-layout")) {
            throw new InvalidInputException(where + ": not an OCI image layout (oci-layout is missing)");
        }
        JsonNode layout = read(files, "oci-layout");
        if (!layout.path("imageLayoutVersion").isTextual()) {
            throw new InvalidInputException(where + ": oci-layout: field imageLayoutVersion is missing");
        }
        if (!files.exists("index.json")) {
            throw new InvalidInputException(where + ": not an OCI image layout (index.json is missing)");
        }
        JsonNode tree = read(files, "index.json");
        return Json.convert(tree, ImageIndex.class, where + ": index.json");
    }

    private static JsonNode read(ArchiveAccess files, String name) throws IOException {
        try (InputStream in = files.open(name)) {
            byte[] bytes = BoundedReads.readAll(in, BoundedReads.MAX_METADATA_BYTES, files.description() + ": " + name);
            return Json.tree(bytes, files.description() + ": " + name);
        }
    }

    /** Opens the image the tag names (or the only one, or the one for the platform). */
    static Image open(ArchiveAccess files, String source, String tag, Platform platform) throws IOException {
        ImageIndex index = readIndex(files);
        return open(files, source, index, tag, platform);
    }

    static Image open(ArchiveAccess files, String source, ImageIndex index, String tag, Platform platform)
            throws IOException {
        String where = files.description() + ": index.json";
        if (index.manifests().isEmpty()) {
            throw new InvalidInputException(where + " lists no images");
        }
        ArchiveBlobStore store = new ArchiveBlobStore(files, source, Map.of());
        ImageLoader loader = new ImageLoader(store, source, platform);
        if (tag != null) {
            List<Descriptor> matches = new ArrayList<>();
            for (Descriptor m : index.manifests()) {
                if (tag.equals(m.annotation(REF_NAME)) || tag.equals(m.annotation(CONTAINERD_NAME))) {
                    matches.add(m);
                }
            }
            if (matches.isEmpty()) {
                throw new InvalidInputException(where + " has no image tagged '" + tag + "'; tags: " + tags(index));
            }
            if (matches.size() > 1) {
                return loader.loadFromIndex(
                        new ImageIndex(2, null, matches, null), where + " (tag " + tag + ")", List.of(tag));
            }
            return loader.load(matches.get(0), List.of(tag));
        }
        List<String> names = new ArrayList<>();
        if (index.manifests().size() == 1) {
            Descriptor only = index.manifests().get(0);
            if (only.annotation(REF_NAME) != null) {
                names.add(only.annotation(REF_NAME));
            }
            return loader.load(only, names);
        }
        return loader.loadFromIndex(index, where, names);
    }

    private static String tags(ImageIndex index) {
        Set<String> tags = new LinkedHashSet<>();
        for (Descriptor m : index.manifests()) {
            String n = m.annotation(REF_NAME);
            if (n != null) {
                tags.add(n);
            }
        }
        return tags.isEmpty() ? "(none)" : String.join(", ", tags);
    }
}
