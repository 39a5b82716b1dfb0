package dev.vouch.sbom;

import dev.vouch.fs.WalkResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** What a cataloger reads (the kept file contents, the final filesystem, the distribution) and where it reports. */
public final class CatalogContext {
    private final CapturedFiles files;
    private final WalkResult walk;
    private final Distro distro;
    private final List<Package> packages = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<String> owned = new java.util.HashSet<>();

    CatalogContext(CapturedFiles files, WalkResult walk, Distro distro) {
        this.files = files;
        this.walk = walk;
        this.distro = distro;
    }

    public Distro distro() {
        return distro;
    }

    public WalkResult walk() {
        return walk;
    }

    /** A file's content in the final image as UTF-8 text (symlinks followed), if it is there and was kept. */
    public Optional<String> finalText(String path) {
        return files.finalContent(path, walk).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** A file's content in the final image as bytes (symlinks followed), if it is there and was kept. */
    public Optional<byte[]> finalBytes(String path) {
        return files.finalContent(path, walk);
    }

    /** The layer that last wrote a path of the final image, or -1 when it is not there. */
    public int finalLayer(String path) {
        return CapturedFiles.finalLayer(path, walk);
    }

    /** Every layer's copy of a file as text, lowest layer first (the layers that did not write it are absent). */
    public NavigableMap<Integer, String> textByLayer(String path) {
        NavigableMap<Integer, String> out = new TreeMap<>();
        files.versions(path).forEach((layer, b) -> out.put(layer, new String(b, StandardCharsets.UTF_8)));
        return out;
    }

    /** The kept paths that are present in the final image and match a prefix, sorted. */
    public List<String> finalPaths(String prefix) {
        return files.paths().stream()
                .filter(p -> p.startsWith(prefix) && walk.files().containsKey(p))
                .sorted()
                .toList();
    }

    public void add(Package p) {
        packages.add(p);
    }

    /** Says what was not read and why (a database format vouch cannot read, a file over the size cap). */
    public void note(String note) {
        notes.add(note);
    }

    /** Records that a package database lists a file as its package's (with or without a leading slash). */
    public void own(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (!p.isEmpty()) {
            owned.add(p);
        }
    }

    /**
     * Whether a package database lists the file: as written, or on the other side of the /usr merge ({@code bin/x}
     * and {@code usr/bin/x} are one file when {@code bin} links to {@code usr/bin}).
     */
    public boolean owned(String path) {
        return owned.contains(path)
                || (path.startsWith("usr/") && owned.contains(path.substring(4)))
                || owned.contains("usr/" + path);
    }

    /**
     * Whether a runtime found in a file is what a package database lists: the database names the file, or (when
     * it keeps no file lists, as minimal images strip them) lists a package that is this runtime at this version.
     */
    boolean listed(String path, Package runtime) {
        if (owned(path)) {
            return true;
        }
        for (Package p : packages) {
            if ((p.type() == PackageType.DEB || p.type() == PackageType.APK || p.type() == PackageType.RPM)
                    && RuntimeSignature.packages(p, runtime)) {
                return true;
            }
        }
        return false;
    }

    /** Notes that a kept file of the final image could not be read, and what was wrong with it. */
    public void unreadable(String path, String why) {
        notes.add(Catalog.unreadable(path, finalLayer(path), why));
    }

    List<Package> packages() {
        return packages;
    }

    List<String> notes() {
        return notes;
    }
}
