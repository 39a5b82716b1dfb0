package dev.vouch.fs;

import dev.vouch.layer.EntryKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Resolves a path inside an image's merged filesystem the way the kernel would with the image as root: every
 * symlink on the way is followed (a directory link such as {@code lib -> usr/lib} as well as the last component),
 * {@code ..} at the root stays at the root, and more than {@value #MAX_HOPS} links is a loop.
 */
final class SymlinkResolver {
    static final int MAX_HOPS = 40;

    private SymlinkResolver() {}

    /** The path with every symlink followed (no leading slash); null when it takes more than the allowed hops. */
    static String resolve(Map<String, FileNode> nodes, String path) {
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        List<String> done = new ArrayList<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(c);
            FileNode n = nodes.get(String.join("/", done));
            if (n != null && n.kind() == EntryKind.SYMLINK && n.linkTarget() != null) {
                if (++hops > MAX_HOPS) {
                    return null;
                }
                done.remove(done.size() - 1);
                String target = n.linkTarget();
                if (target.startsWith("/")) {
                    done.clear();
                }
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    todo.addFirst(parts[i]);
                }
            }
        }
        return String.join("/", done);
    }
}
