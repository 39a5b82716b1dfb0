package dev.vouch.fs;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vouch.layer.EntryKind;

/**
 * One path of the merged (final) filesystem of an image: what it is, its mode and owner, its size, its link target
 * and the layer that last wrote it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileNode(
        String path, EntryKind kind, int mode, long uid, long gid, long size, String linkTarget, int layer) {
    public boolean isSetuid() {
        return kind == EntryKind.FILE && (mode & 04000) != 0;
    }

    public boolean isSetgid() {
        return kind == EntryKind.FILE && (mode & 02000) != 0;
    }

    public boolean isSticky() {
        return (mode & 01000) != 0;
    }

    public boolean isWorldWritable() {
        return kind != EntryKind.SYMLINK && (mode & 02) != 0;
    }
}
