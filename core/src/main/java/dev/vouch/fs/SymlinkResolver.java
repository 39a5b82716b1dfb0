package dev.vouch.fs;

import dev.vouch.layer.EntryKind;
import java.util.ArrayDeque;
import java.util.Deque;
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
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        // the resolved prefix, and where each of its components starts
        StringBuilder done = new StringBuilder(path.length());
        int[] starts = new int[16];
        int depth = 0;
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (depth > 0) {
                    depth--;
                    done.setLength(Math.max(0, starts[depth] - 1));
                }
                continue;
            }
            if (depth == starts.length) {
                starts = java.util.Arrays.copyOf(starts, depth * 2);
            }
            if (depth > 0) {
                done.append('/');
            }
            starts[depth++] = done.length();
            done.append(c);
            FileNode n = nodes.get(done.toString());
            if (n != null && n.kind() == EntryKind.SYMLINK && n.linkTarget() != null) {
                if (++hops > MAX_HOPS) {
                    return null;
                }
                String target = n.linkTarget();
                depth = target.startsWith("/") ? 0 : depth - 1;
                done.setLength(depth == 0 ? 0 : starts[depth] - 1);
                push(todo, target);
            }
        }
        return done.toString();
    }

    /** Puts a path's components in front of what is left to resolve, in order. */
    private static void push(Deque<String> todo, String path) {
        int end = path.length();
        while (end >= 0) {
            int slash = path.lastIndexOf('/', end - 1);
            todo.addFirst(path.substring(slash + 1, Math.max(slash + 1, end)));
            end = slash;
        }
    }
}
