package dev.vouch.layer;

/**
 * What a layer's tar entry is. {@link #WHITEOUT} and {@link #OPAQUE} are the <a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#whiteouts">OCI whiteouts</a>: a
 * deleted path, and a directory whose lower-layer contents are hidden.
 */
public enum EntryKind {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO,
    WHITEOUT,
    OPAQUE;

    public boolean isDevice() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE;
    }
}
