package dev.vouch.source;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.error.IntegrityException;
import dev.vouch.error.InvalidInputException;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.DigestingInputStream;
import dev.vouch.image.Image;
import dev.vouch.image.ImageIndex;
import dev.vouch.image.ImageLoader;
import dev.vouch.image.ImageRef;
import dev.vouch.image.Manifest;
import dev.vouch.image.MediaTypes;
import dev.vouch.image.Platform;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.layer.Compression;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code docker save} format (<a href="https://github.com/moby/moby/blob/master/image/spec/v1.2.md">image spec
 * v1.2</a>): {@code manifest.json} lists each image's config file, RepoTags and layer files. Docker 25 and later
 * write the same file beside an OCI layout; when that layout holds the image's real manifest it is used, otherwise
 * vouch synthesizes a Docker v2 schema 2 manifest from {@code manifest.json} and marks the image so. Every digest
 * that a file name encodes is checked against the content; the config is hashed as it is read.
 */
final class DockerArchiveSource {
    private static final Pattern DIGEST_NAME =
            Pattern.compile("(?:.*/)?(?:blobs/sha256/|sha256:)?([a-f0-9]{64})(?:\\.json|\\.tar(?:\\.gz)?)?");
    private static final int MAX_INDEX_PROBES = 64;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(
            @JsonProperty("Config") String config,
            @JsonProperty("RepoTags") List<String> repoTags,
            @JsonProperty("Layers") List<String> layers,
            @JsonProperty("LayerSources") Map<String, Descriptor> layerSources) {
        Entry {
            repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
            layers = layers == null ? List.of() : List.copyOf(layers);
            layerSources = layerSources == null ? Map.of() : Map.copyOf(layerSources);
        }
    }

    private DockerArchiveSource() {}

    static boolean looksLike(ArchiveAccess files) {
        return files.exists("manifest.json");
    }

    static Image open(ArchiveAccess files, String source, String reference, Platform platform) throws IOException {
        String where = files.description() + ": manifest.json";
        if (!files.exists("manifest.json")) {
            throw new InvalidInputException(files.description() + ": not a docker-archive (manifest.json is missing)");
        }
        byte[] bytes;
        try (InputStream in = files.open("manifest.json")) {
            bytes = BoundedReads.readAll(in, BoundedReads.MAX_METADATA_BYTES, where);
        }
        Entry[] entries = Json.read(bytes, Entry[].class, where);
        if (entries.length == 0) {
            throw new InvalidInputException(where + " lists no images");
        }
        Entry entry = select(entries, reference, where);
        if (entry.config() == null) {
            throw new InvalidInputException(where + ": field Config is missing");
        }
        List<String> names = entry.repoTags();
        Image fromLayout = fromOciLayout(files, source, entry, platform, names);
        if (fromLayout != null) {
            return fromLayout;
        }
        return synthesize(files, source, entry, platform, names);
    }

    private static Entry select(Entry[] entries, String reference, String where) {
        if (reference == null) {
            if (entries.length == 1) {
                return entries[0];
            }
            List<String> all = new ArrayList<>();
            for (Entry e : entries) {
                all.addAll(e.repoTags());
            }
            throw new InvalidInputException(where + " holds " + entries.length
                    + " images; choose one with docker-archive:PATH:REPO:TAG from: " + String.join(", ", all));
        }
        String wanted = normalized(reference);
        List<String> all = new ArrayList<>();
        for (Entry e : entries) {
            for (String t : e.repoTags()) {
                all.add(t);
                if (t.equals(reference) || normalized(t).equals(wanted)) {
                    return e;
                }
            }
        }
        throw new InvalidInputException(where + " has no image named '" + reference + "'; names: "
                + (all.isEmpty() ? "(none)" : String.join(", ", all)));
    }

    private static String normalized(String name) {
        try {
            return ImageRef.parse(name).normalized();
        } catch (RuntimeException e) {
            return name;
        }
    }

    /** The Docker 25+ case: an OCI layout in the same archive holds the real manifest of this config. */
    private static Image fromOciLayout(
            ArchiveAccess files, String source, Entry entry, Platform platform, List<String> names) throws IOException {
        Matcher m = DIGEST_NAME.matcher(entry.config());
        if (!OciLayoutSource.looksLike(files) || !m.matches()) {
            return null;
        }
        Digest config = new Digest("sha256", m.group(1));
        ImageIndex index = OciLayoutSource.readIndex(files);
        ArchiveBlobStore store = new ArchiveBlobStore(files, source, Map.of());
        ImageLoader loader = new ImageLoader(store, source, platform);
        int probes = 0;
        for (Descriptor d : index.manifests()) {
            if (!MediaTypes.isManifest(d.mediaType()) || !store.has(d) || ++probes > MAX_INDEX_PROBES) {
                continue;
            }
            Image candidate = loader.load(d, names);
            if (candidate.manifest().config().digest().equals(config)) {
                return candidate;
            }
        }
        return null;
    }

    private static Image synthesize(
            ArchiveAccess files, String source, Entry entry, Platform platform, List<String> names) throws IOException {
        String configName = entry.config();
        long configSize = files.size(configName);
        if (configSize < 0) {
            throw new InvalidInputException(files.description() + ": config file " + configName + " is missing");
        }
        if (configSize > BoundedReads.MAX_CONFIG_BYTES) {
            throw new InvalidInputException(files.description() + ": config file " + configName + " is larger than the "
                    + BoundedReads.MAX_CONFIG_BYTES + "-byte limit");
        }
        byte[] configBytes;
        try (InputStream in = files.open(configName)) {
            configBytes = BoundedReads.readAll(in, BoundedReads.MAX_CONFIG_BYTES, configName);
        }
        Digest configDigest = checkConfigName(files, configName, Digest.sha256(configBytes));
        Map<Digest, String> fileNames = new HashMap<>();
        fileNames.put(configDigest, configName);
        JsonNode configTree = Json.tree(configBytes, "config " + configName);
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode n : configTree.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.parse(n.asText()));
        }
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < entry.layers().size(); i++) {
            String name = entry.layers().get(i);
            Digest diffId = i < diffIds.size() ? diffIds.get(i) : null;
            Descriptor declared = diffId == null ? null : entry.layerSources().get(diffId.toString());
            long size = files.size(name);
            if (declared != null && MediaTypes.isForeignLayer(declared.mediaType())) {
                if (size == declared.size()) {
                    fileNames.put(declared.digest(), name);
                }
                layers.add(declared);
                continue;
            }
            if (size < 0) {
                throw new InvalidInputException(files.description() + ": layer " + i + " file " + name + " is missing");
            }
            Compression compression;
            try (BufferedInputStream in = new BufferedInputStream(files.open(name), 16)) {
                compression = Compression.sniff(in, files.description() + ": " + name);
            }
            String mediaType = switch (compression) {
                case NONE -> MediaTypes.DOCKER_LAYER;
                case GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            };
            Digest digest;
            Matcher m = DIGEST_NAME.matcher(name);
            if (declared != null) {
                digest = declared.digest();
            } else if (m.matches()) {
                digest = new Digest("sha256", m.group(1));
            } else if (compression == Compression.NONE && diffId != null) {
                digest = diffId; // an uncompressed layer's blob digest is its diff_id; both are checked as it streams
            } else {
                digest = hashFile(files, name);
            }
            String previous = fileNames.putIfAbsent(digest, name);
            if (previous != null && files.size(previous) != size) {
                throw new IntegrityException(files.description() + ": " + previous + " and " + name
                        + " claim the same digest " + digest + " with different sizes");
            }
            layers.add(Descriptor.of(mediaType, digest, size));
        }
        String configType = MediaTypes.DOCKER_CONFIG;
        Manifest manifest = new Manifest(
                2,
                MediaTypes.DOCKER_MANIFEST,
                null,
                Descriptor.of(configType, configDigest, configSize),
                layers,
                null,
                null);
        byte[] manifestBytes = new ObjectMapper().writeValueAsBytes(manifest);
        Descriptor md = Descriptor.of(MediaTypes.DOCKER_MANIFEST, Digest.sha256(manifestBytes), manifestBytes.length);
        ArchiveBlobStore store = new ArchiveBlobStore(files, source, fileNames);
        return new ImageLoader(store, source, platform).fromManifest(md, manifest, null, true, names);
    }

    /** Hashes the config file and checks it against the digest its name encodes, when it encodes one. */
    private static Digest checkConfigName(ArchiveAccess files, String name, Digest actual) {
        Matcher m = DIGEST_NAME.matcher(name);
        if (m.matches()) {
            Digest claimed = new Digest("sha256", m.group(1));
            if (!claimed.equals(actual)) {
                throw new IntegrityException(files.description() + ": config " + name + ": digest mismatch: expected "
                        + claimed + ", got " + actual);
            }
        }
        return actual;
    }

    private static Digest hashFile(ArchiveAccess files, String name) throws IOException {
        try (DigestingInputStream in = new DigestingInputStream(files.open(name), name, null, -1)) {
            in.drain();
            return in.actual();
        }
    }
}
