package dev.vouch.layer;

import dev.vouch.error.InvalidInputException;
import dev.vouch.error.UnsupportedInputException;
import io.airlift.compress.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The compressions a layer blob may use (<a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md">OCI layer spec</a>): none, gzip or
 * zstd. The compression is read from the blob's first bytes, not trusted from its media type.
 */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    /** Looks at the first bytes of a mark-supporting stream without consuming them. */
    public static Compression sniff(BufferedInputStream in, String what) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (head.length >= 4
                && (head[0] & 0xff) == 0x28
                && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            throw new UnsupportedInputException(what + ": bzip2-compressed layers are not part of the OCI spec");
        }
        if (head.length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X') {
            throw new UnsupportedInputException(what + ": xz-compressed layers are not part of the OCI spec");
        }
        return NONE;
    }

    /** Wraps the compressed stream in a decompressor. */
    public InputStream decompress(InputStream in, String what) throws IOException {
        try {
            return switch (this) {
                case NONE -> in;
                case GZIP -> new GZIPInputStream(in, 1 << 16);
                case ZSTD -> new ZstdInputStream(in);
            };
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(what + ": corrupt " + name().toLowerCase() + " stream: " + e.getMessage());
        }
    }
}
