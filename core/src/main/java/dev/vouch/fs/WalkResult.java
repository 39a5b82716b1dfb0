package dev.vouch.fs;

import dev.vouch.layer.LayerScan;
import java.util.List;
import java.util.NavigableMap;

/**
 * Everything one walk over an image's layers established: each layer's scan (entries and verified sizes), the
 * merged final filesystem, remnants, per-layer changes and the efficiency. A walk that found hostile or
 * inconsistent entries never produces one: {@link ImageWalker} stops with an error instead.
 */
public record WalkResult(
        List<LayerScan> scans,
        NavigableMap<String, FileNode> files,
        List<Remnant> remnants,
        List<LayerChanges> changes,
        Efficiency efficiency) {

    /**
     * The final filesystem's node at a path, every symlink on the way followed as the kernel would inside the
     * image; null when the path is not there or loops.
     */
    public FileNode resolve(String path) {
        String real = SymlinkResolver.resolve(files, path);
        return real == null ? null : files.get(real);
    }

    /** Regular files with the setuid or setgid bit, in path order. */
    public List<FileNode> setuidOrSetgid() {
        return files.values().stream().filter(n -> n.isSetuid() || n.isSetgid()).toList();
    }

    /**
     * World-writable paths, leaving out what is meant to be shared: directories with the sticky bit (such as
     * /tmp), anything under /tmp, /var/tmp and /dev/shm, and device nodes (listed by {@link #devices()}).
     */
    public List<FileNode> worldWritable() {
        return files.values().stream()
                .filter(FileNode::isWorldWritable)
                .filter(n -> !n.kind().isDevice())
                .filter(n -> !(n.kind() == dev.vouch.layer.EntryKind.DIRECTORY && n.isSticky()))
                .filter(n -> !underShared(n.path()))
                .toList();
    }

    /** Character and block device nodes (a container runtime provides /dev; an image should ship none). */
    public List<FileNode> devices() {
        return files.values().stream().filter(n -> n.kind().isDevice()).toList();
    }

    private static boolean underShared(String path) {
        for (String dir : List.of("tmp", "var/tmp", "dev/shm")) {
            if (path.equals(dir) || path.startsWith(dir + "/")) {
                return true;
            }
        }
        return false;
    }
}
