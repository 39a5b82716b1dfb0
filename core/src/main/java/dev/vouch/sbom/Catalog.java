package dev.vouch.sbom;

import dev.vouch.fs.WalkResult;
import dev.vouch.image.Image;
import dev.vouch.inspect.HistoryAlignment;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerResults;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the catalogers over one walk of an image: as an {@link Analyzer} it keeps the files they want (bounded
 * per file), and {@link #finish} turns them into an {@link Sbom}.
 */
public final class Catalog implements Analyzer, LayerResults<Catalog.LayerCatalog> {
    /** A file larger than this is not kept; the catalog notes it. */
    static final long MAX_FILE = 64L << 20;

    private static final int MAX_FILE_NOTES = 50;

    private final List<Cataloger> catalogers;
    private final List<FileCataloger> fileCatalogers;
    private final CapturedFiles files = new CapturedFiles();
    /** Files over {@link #MAX_FILE}, by path and layer. */
    private final Set<Unreadable> tooLarge = ConcurrentHashMap.newKeySet();
    /** Files a cataloger could not read, with why. */
    private final Set<Unreadable> unreadable = ConcurrentHashMap.newKeySet();

    /** A file of a layer that was not cataloged, and why ({@code null} when it was too large). */
    record Unreadable(String path, int layer, String why) {}
    /** Packages found in each file, per layer that wrote it: only the final image's copy counts. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, FileCataloger.Found>> found =
            new ConcurrentHashMap<>();

    public Catalog(List<Cataloger> catalogers, List<FileCataloger> fileCatalogers) {
        this.catalogers = List.copyOf(catalogers);
        this.fileCatalogers = List.copyOf(fileCatalogers);
    }

    /** The operating-system catalogers (dpkg, apk, rpm noted) and the language ones (Java, npm, Python, Go). */
    public static Catalog standard() {
        return new Catalog(
                List.of(new DpkgCataloger(), new ApkCataloger(), new RpmCataloger(), new NpmLockCataloger()),
                List.of(
                        new JavaArchiveCataloger(),
                        new NpmCataloger(),
                        new PythonCataloger(),
                        new RubyGemCataloger(),
                        new ComposerCataloger(),
                        new DotnetCataloger(),
                        new CargoLockCataloger(),
                        new CondaCataloger(),
                        new EmbeddedSbomCataloger(),
                        new RuntimeFileCataloger(),
                        new ElfBinaryCataloger()));
    }

    @Override
    public String resultsKind() {
        return "catalog";
    }

    /** What this layer gave the catalog: the files kept, the packages found in files, what could not be read. */
    public record LayerCatalog(
            Map<String, byte[]> files,
            Map<String, FileCataloger.Found> found,
            List<String> tooLarge,
            Map<String, String> unreadable) {}

    @Override
    public Class<LayerCatalog> resultsType() {
        return LayerCatalog.class;
    }

    @Override
    public LayerCatalog export(int layer) {
        Map<String, FileCataloger.Found> foundHere = new java.util.TreeMap<>();
        found.forEach((path, byLayer) -> {
            FileCataloger.Found f = byLayer.get(layer);
            if (f != null) {
                foundHere.put(path, f);
            }
        });
        return new LayerCatalog(
                files.layer(layer),
                foundHere,
                tooLarge.stream()
                        .filter(u -> u.layer() == layer)
                        .map(Unreadable::path)
                        .sorted()
                        .toList(),
                unreadable.stream()
                        .filter(u -> u.layer() == layer)
                        .collect(java.util.stream.Collectors.toMap(
                                Unreadable::path, Unreadable::why, (a, b) -> a, java.util.TreeMap::new)));
    }

    @Override
    public void restore(int layer, LayerCatalog c) {
        c.files().forEach((path, bytes) -> files.put(path, layer, bytes));
        c.found()
                .forEach((path, f) -> found.computeIfAbsent(path, k -> new ConcurrentHashMap<>())
                        .put(layer, f));
        c.tooLarge().forEach(path -> tooLarge.add(new Unreadable(path, layer, null)));
        c.unreadable().forEach((path, why) -> unreadable.add(new Unreadable(path, layer, why)));
    }

    @Override
    public boolean wants(LayerEntry entry) {
        if (entry.kind() != EntryKind.FILE) {
            return false;
        }
        String p = entry.path();
        if (DistroDetector.wants(p)) {
            return true;
        }
        for (FileCataloger c : fileCatalogers) {
            if (c.wants(entry)) {
                return true;
            }
        }
        for (Cataloger c : catalogers) {
            if (c.wants(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(LayerRef layer, LayerEntry entry, InputStream content) throws IOException {
        for (FileCataloger c : fileCatalogers) {
            if (c.wants(entry)) {
                FileCataloger.Found ps;
                try {
                    ps = c.read(entry.path(), content);
                } catch (IOException | RuntimeException e) {
                    // a broken jar or manifest is a fact about the image, not a reason to stop reading it
                    unreadable.add(new Unreadable(entry.path(), layer.index(), why(e)));
                    ps = FileCataloger.Found.NOTHING;
                }
                found.computeIfAbsent(entry.path(), k -> new ConcurrentHashMap<>())
                        .put(layer.index(), ps);
                return;
            }
        }
        if (entry.size() > MAX_FILE) {
            tooLarge.add(new Unreadable(entry.path(), layer.index(), null));
            return;
        }
        files.put(entry.path(), layer.index(), content.readNBytes((int) entry.size()));
    }

    /** The note for a file that could not be read. */
    static String unreadable(String path, int layer, String why) {
        String reason = why.startsWith(path + ": ") ? why.substring(path.length() + 2) : why; // said once
        return "/" + path + " in layer " + layer + " could not be read: " + reason;
    }

    /** What was wrong with a file, in one line: the parser's own message, its first line, bounded. */
    static String why(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip().lines().findFirst().orElse(m);
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    /**
     * One package per type, name, version and purl, with every place it was found (a package under node_modules
     * and in the lock file beside it, the same jar copied twice): the earliest layer first.
     */
    private static List<Package> mergeLocations(List<Package> found) {
        Map<List<Object>, List<Package>> same = new LinkedHashMap<>();
        for (Package p : found) {
            same.computeIfAbsent(Arrays.asList(p.type(), p.name(), p.version(), p.purl()), k -> new ArrayList<>())
                    .add(p);
        }
        List<Package> out = new ArrayList<>();
        for (List<Package> group : same.values()) {
            Package first = group.get(0);
            if (group.size() == 1) {
                out.add(first);
                continue;
            }
            java.util.TreeSet<PackageLocation> at = new java.util.TreeSet<>(
                    Comparator.comparingInt(PackageLocation::layer).thenComparing(PackageLocation::path));
            List<String> licenses = new ArrayList<>();
            Map<String, String> properties = new java.util.TreeMap<>();
            for (Package p : group) {
                at.addAll(p.locations());
                p.licenses().stream().filter(l -> !licenses.contains(l)).forEach(licenses::add);
                p.properties().forEach(properties::putIfAbsent);
            }
            out.add(new Package(
                    first.type(),
                    first.name(),
                    first.version(),
                    first.purl(),
                    licenses,
                    first.sourceName(),
                    first.sourceVersion(),
                    first.arch(),
                    new ArrayList<>(at),
                    properties));
        }
        return out;
    }

    /** The SBOM of the image this catalog's analyzer saw walked. */
    public Sbom finish(String reference, Image image, WalkResult walk) {
        CatalogContext probe = new CatalogContext(files, walk, null);
        Distro distro = DistroDetector.detect(probe);
        CatalogContext ctx = new CatalogContext(files, walk, distro);
        for (Cataloger c : catalogers) {
            c.catalog(ctx);
        }
        List<String> fileNotes = new ArrayList<>();
        found.forEach((path, byLayer) -> {
            int last = CapturedFiles.finalLayer(path, walk);
            FileCataloger.Found f = byLayer.getOrDefault(last, FileCataloger.Found.NOTHING);
            fileNotes.addAll(f.notes());
            for (Package p : f.packages()) {
                if (p.type() == PackageType.BINARY && p.properties().containsKey("evidence") && ctx.listed(path, p)) {
                    continue; // a runtime a package database installed: that database's entry already lists it
                }
                String at = p.locations().isEmpty()
                        ? path
                        : path + p.locations().get(0).path();
                ctx.add(p.at(List.of(new PackageLocation(at, last))));
            }
        });
        List<String> notes = new ArrayList<>(ctx.notes());
        unreadable.stream()
                .map(u -> unreadable(u.path(), u.layer(), u.why()))
                .sorted()
                .forEach(notes::add);
        fileNotes.sort(null);
        notes.addAll(fileNotes.subList(0, Math.min(fileNotes.size(), MAX_FILE_NOTES)));
        if (fileNotes.size() > MAX_FILE_NOTES) {
            notes.add("and " + (fileNotes.size() - MAX_FILE_NOTES) + " more notes like these");
        }
        tooLarge.stream()
                .map(u -> "/" + u.path() + " in layer " + u.layer())
                .sorted()
                .forEach(f -> notes.add(f + " is over " + (MAX_FILE >> 20) + " MiB and was not read"));
        if (distro == null) {
            notes.add("no os-release or distribution release file: the operating system is unknown");
        }
        List<Package> packages = mergeLocations(ctx.packages());
        packages.sort(Comparator.comparing((Package p) -> p.type().ordinal())
                .thenComparing(Package::name)
                .thenComparing(Package::version)
                .thenComparing(p -> p.locations().get(0).path()));
        HistoryAlignment.Result history = HistoryAlignment.align(image);
        List<SbomLayer> layers = new ArrayList<>();
        for (var l : image.layers()) {
            layers.add(new SbomLayer(l.index(), l.descriptor().digest(), l.diffId(), history.createdBy(l.index())));
        }
        return new Sbom(reference, image.digest(), distro, packages, layers, notes);
    }
}
