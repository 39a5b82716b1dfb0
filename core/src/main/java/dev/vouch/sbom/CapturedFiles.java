package dev.vouch.sbom;

import dev.vouch.fs.FileNode;
import dev.vouch.fs.WalkResult;
import dev.vouch.layer.EntryKind;
import java.util.ArrayDeque;
import java.util.Deque;
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
    private static final int MAX_LINK_HOPS = 16;
    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, byte[]>> byPath = new ConcurrentHashMap<>();

    void put(String path, int layer, byte[] content) {
        byPath.computeIfAbsent(path, p -> new ConcurrentSkipListMap<>()).put(layer, content);
    }

    /** Every layer's copy of a path, lowest layer first. */
    NavigableMap<Integer, byte[]> versions(String path) {
        NavigableMap<Integer, byte[]> v = byPath.get(path);
        return v == null ? new TreeMap<>() : v;
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /**
     * The content a path has in the final filesystem, following symlinks ({@code etc/os-release} ->
     * {@code ../usr/lib/os-release}); empty when the path is absent, deleted, not a file or was not kept.
     */
    Optional<byte[]> finalContent(String path, WalkResult walk) {
        String at = path;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            FileNode node = walk.files().get(at);
            if (node == null) {
                return Optional.empty();
            }
            if (node.kind() == EntryKind.SYMLINK && node.linkTarget() != null) {
                at = resolve(at, node.linkTarget());
                if (at == null) {
                    return Optional.empty();
                }
                continue;
            }
            if (node.kind() != EntryKind.FILE) {
                return Optional.empty();
            }
            return Optional.ofNullable(versions(at).get(node.layer()));
        }
        return Optional.empty();
    }

    /** The layer that last wrote a path of the final filesystem, or -1. */
    static int finalLayer(String path, WalkResult walk) {
        FileNode node = walk.files().get(path);
        return node == null ? -1 : node.layer();
    }

    /** A link target against the link's directory, normalized; null when it climbs above the root. */
    static String resolve(String linkPath, String target) {
        Deque<String> parts = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            int slash = linkPath.lastIndexOf('/');
            if (slash > 0) {
                for (String p : linkPath.substring(0, slash).split("/")) {
                    parts.addLast(p);
                }
            }
        }
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
