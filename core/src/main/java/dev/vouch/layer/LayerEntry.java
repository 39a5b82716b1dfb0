package dev.vouch.layer;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a layer's tar stream after name normalization: the path is relative to the image root, without
 * a leading slash, {@code .} or {@code ..} components. For whiteouts the path is the path deleted; for opaque
 * markers, the directory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerEntry(String path, EntryKind kind, int mode, long uid, long gid, long size, String linkTarget) {
    public static final int SETUID = 04000;
    public static final int SETGID = 02000;
    public static final int STICKY = 01000;

    public boolean isSetuid() {
        return kind == EntryKind.FILE && (mode & SETUID) != 0;
    }

    public boolean isSetgid() {
        return kind == EntryKind.FILE && (mode & SETGID) != 0;
    }

    public boolean isWorldWritable() {
        return kind != EntryKind.SYMLINK && kind != EntryKind.WHITEOUT && kind != EntryKind.OPAQUE && (mode & 02) != 0;
    }
}
