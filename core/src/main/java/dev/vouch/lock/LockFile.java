package dev.vouch.lock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.vouch.error.InvalidInputException;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code vouch.lock}: references and the digests they named when locked, so that a tag that later moves is noticed
 * (the same idea as a package manager's lock file, applied to image tags). JSON, sorted by reference.
 */
public record LockFile(int version, List<LockEntry> images) {
    public static final int VERSION = 1;

    public LockFile {
        images = images == null
                ? List.of()
                : images.stream()
                        .sorted(Comparator.comparing(LockEntry::reference))
                        .toList();
    }

    public static LockFile empty() {
        return new LockFile(VERSION, List.of());
    }

    /** Reads a lock file; a missing file is an error naming it. */
    public static LockFile read(Path file) throws IOException {
        byte[] bytes;
        bytes = BoundedReads.readFile(file, 16 << 20);
        LockFile f = Json.read(bytes, LockFile.class, file.toString());
        if (f.version() != VERSION) {
            throw new InvalidInputException(file + ": version " + f.version() + " (this vouch reads " + VERSION + ")");
        }
        for (LockEntry e : f.images()) {
            if (e.reference() == null || e.digest() == null) {
                throw new InvalidInputException(file + ": every entry needs a reference and a digest");
            }
        }
        return f;
    }

    /** This file with {@code entry} added, replacing an entry of the same reference. */
    public LockFile with(LockEntry entry) {
        List<LockEntry> out = new ArrayList<>();
        for (LockEntry e : images) {
            if (!e.reference().equals(entry.reference())) {
                out.add(e);
            }
        }
        out.add(entry);
        return new LockFile(VERSION, out);
    }

    @JsonIgnore
    public Optional<LockEntry> entry(String normalizedReference) {
        return images.stream()
                .filter(e -> e.reference().equals(normalizedReference))
                .findFirst();
    }

    /** LK001 when {@code current} is not what the reference named when locked; empty when it is. */
    public static Optional<Finding> moved(LockEntry locked, String current, String lockFile) {
        if (locked.digest().equals(current)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                "LK001",
                Severity.HIGH,
                locked.reference() + ": tag moved since locked on " + locked.lockedAt() + " (" + lockFile + "): was "
                        + locked.digest() + ", now " + current,
                Location.image()));
    }
}
