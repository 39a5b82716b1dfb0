package dev.vouch.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Named files of an image on disk, whether they sit in a directory or inside a tar file; both OCI layouts and
 * docker-archives come in either form. Names are relative, with {@code /} separators.
 */
interface ArchiveAccess extends Closeable {
    /** Names this directory or file in messages. */
    String description();

    /** Whether a regular file of that name exists (following links inside the archive). */
    boolean exists(String name);

    /** The size of the named regular file, or -1 if absent. */
    long size(String name);

    /** Opens the named regular file; throws a one-line error naming it when absent. */
    InputStream open(String name) throws IOException;

    /** Names of the regular files at the top level, for detecting the format. */
    List<String> topLevelNames();
}
