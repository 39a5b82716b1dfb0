package dev.vouch.io;

import dev.vouch.error.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads whole small documents (manifests, configs, index files) with a hard upper bound on their size. */
public final class BoundedReads {
    /** The largest manifest or index read: the distribution spec lets registries refuse above 4 MiB. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** The largest image config read. Real ones are kilobytes; long histories reach a few hundred. */
    public static final int MAX_CONFIG_BYTES = 8 << 20;
    /** The largest other metadata document read (docker-archive manifest.json, index.json). */
    public static final int MAX_METADATA_BYTES = 4 << 20;

    private BoundedReads() {}

    /**
     * Reads a whole file of at most {@code max} bytes; a missing file is an error naming it ({@code FILE: no such
     * file}), as is a larger one.
     */
    public static byte[] readFile(java.nio.file.Path file, int max) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return readAll(in, max, file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        }
    }

    /** Reads the whole stream, failing with a message naming {@code what} if it exceeds {@code max} bytes. */
    public static byte[] readAll(InputStream in, int max, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 8192));
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > max) {
                throw new InvalidInputException(what + " is larger than the " + max + "-byte limit");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
