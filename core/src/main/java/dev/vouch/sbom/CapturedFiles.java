package dev.vouch.sbom;

import dev.vouch.fs.FileNode;
import dev.vouch.fs.WalkResult;
import dev.vouch.layer.EntryKind;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The contents catalogers asked for, per path and per layer, as the layer pass delivered them (several layers are
 * read at once, so this is thread-safe).
 */
final class CapturedFiles {
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, byte[]>> byPath = new ConcurrentHashMap<>();

    void put(String path, int layer, byte[] content) {
        byPath.computeIfAbsent(path, p -> new ConcurrentSkipListMap<>()).put(layer, content);
    }

    /** Every layer's copy of a path, lowest layer first. */
    NavigableMap<Integer, byte[]> versions(String path) {
        NavigableMap<Integer, byte[]> v = byPath.get(path);
        return v == null ? new TreeMap<>() : v;
    }

    /** The files kept from one layer, by path. */
    java.util.Map<String, byte[]> layer(int layer) {
        java.util.Map<String, byte[]> out = new TreeMap<>();
        byPath.forEach((path, versions) -> {
            byte[] b = versions.get(layer);
            if (b != null) {
                out.put(path, b);
            }
        });
        return out;
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /**
     * The content a path has in the final filesystem, symlinks followed ({@code etc/os-release} ->
     * {@code ../usr/lib/os-release}); empty when the path is absent, deleted, not a file or was not kept.
     */
    Optional<byte[]> finalContent(String path, WalkResult walk) {
        FileNode node = walk.resolve(path);
        if (node == null || node.kind() != EntryKind.FILE) {
            return Optional.empty();
        }
        return Optional.ofNullable(versions(node.path()).get(node.layer()));
    }

    /** The layer that last wrote a path of the final filesystem, or -1. */
    static int finalLayer(String path, WalkResult walk) {
        FileNode node = walk.files().get(path);
        return node == null ? -1 : node.layer();
    }
}
