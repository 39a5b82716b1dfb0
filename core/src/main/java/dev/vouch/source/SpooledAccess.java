package dev.vouch.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The files of a temporary tar this run wrote (an engine's export): closing removes it. */
final class SpooledAccess implements ArchiveAccess {
    private final ArchiveAccess files;
    private final Path spool;
    private final String description;

    SpooledAccess(ArchiveAccess files, Path spool, String description) {
        this.files = files;
        this.spool = spool;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean exists(String name) {
        return files.exists(name);
    }

    @Override
    public long size(String name) {
        return files.size(name);
    }

    @Override
    public InputStream open(String name) throws IOException {
        return files.open(name);
    }

    @Override
    public List<String> topLevelNames() {
        return files.topLevelNames();
    }

    @Override
    public void close() throws IOException {
        try {
            files.close();
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
