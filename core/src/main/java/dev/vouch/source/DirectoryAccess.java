package dev.vouch.source;

import dev.vouch.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of a directory; a name must stay inside it, also through symbolic links. */
final class DirectoryAccess implements ArchiveAccess {
    private final Path root;
    private final Path realRoot;

    DirectoryAccess(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
    }

    @Override
    public String description() {
        return root.toString();
    }

    private Path resolve(String name) {
        if (name.startsWith("/") || name.contains("..") || name.indexOf('\0') >= 0) {
            throw new InvalidInputException("refusing file name '" + name + "' in " + root);
        }
        return root.resolve(name);
    }

    private Path regularInside(String name) {
        Path p = resolve(name);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            if (!p.toRealPath().startsWith(realRoot)) {
                throw new InvalidInputException(root + ": " + name + " links outside the directory");
            }
        } catch (IOException e) {
            return null;
        }
        return p;
    }

    @Override
    public boolean exists(String name) {
        return regularInside(name) != null;
    }

    @Override
    public long size(String name) {
        Path p = regularInside(name);
        try {
            return p == null ? -1 : Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path p = regularInside(name);
        if (p == null) {
            throw new InvalidInputException(root + ": " + name + " is missing");
        }
        return Files.newInputStream(p);
    }

    @Override
    public List<String> topLevelNames() {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {}
}
