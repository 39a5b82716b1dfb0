package dev.vouch.fs;

import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerScan;
import dev.vouch.report.Finding;
import dev.vouch.report.Location;
import dev.vouch.report.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The merged view of an image's filesystem, built by applying its layers in order as the <a
 * href="https://github.com/opencontainers/image-spec/blob/v1.1.0/layer.md#applying-changesets">OCI changeset
 * rules</a> say: a layer's whiteouts and opaque directories hide lower-layer paths first, then its entries are
 * added. Along the way it records the remnants (lower-layer files hidden but still shipped), per-layer changes and
 * the per-path sizes behind the efficiency score, and the inconsistencies that make a layer stack untrustworthy:
 * a whiteout of a path no lower layer has (TAR006), a hardlink to a missing file or itself (TAR007), and, once
 * every layer is applied, symlinks that loop (TAR008).
 */
public final class FileTree {
    /** The most symlinks followed resolving one path, as Linux's MAXSYMLINKS. */
    static final int MAX_SYMLINK_HOPS = SymlinkResolver.MAX_HOPS;

    private final NavigableMap<String, FileNode> nodes = new TreeMap<>();
    private final List<Remnant> remnants = new ArrayList<>();
    private final List<LayerChanges> changes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, long[]> perPath = new HashMap<>(); // {occurrences, cumulative, minimum}
    private boolean allLayersRead = true;

    private int added;
    private int modified;
    private int removed;
    private long addedBytes;

    /** Applies the next layer. Layers must come in order, base first. */
    public void apply(LayerScan scan) {
        LayerRef ref = scan.layer();
        int layer = ref.index();
        added = modified = removed = 0;
        addedBytes = 0;
        if (!scan.read()) {
            allLayersRead = false;
            changes.add(new LayerChanges(layer, 0, 0, 0, 0, 0, false));
            return;
        }
        for (LayerEntry e : scan.entries()) {
            if (e.kind() == EntryKind.WHITEOUT) {
                boolean existed = removeSubtree(e.path(), layer, true);
                if (!existed && allLayersRead) {
                    findings.add(finding(ref, "TAR006", e.path(), "whiteout for a path that no lower layer has"));
                }
            }
        }
        for (LayerEntry e : scan.entries()) {
            if (e.kind() == EntryKind.OPAQUE) {
                removeSubtree(e.path(), layer, false);
            }
        }
        for (LayerEntry e : scan.entries()) {
            if (e.kind() != EntryKind.WHITEOUT && e.kind() != EntryKind.OPAQUE) {
                add(ref, e);
            }
        }
        changes.add(new LayerChanges(layer, added, modified, removed, addedBytes, 0, true));
    }

    private void add(LayerRef ref, LayerEntry e) {
        int layer = ref.index();
        if (e.kind() == EntryKind.HARDLINK) {
            FileNode target = nodes.get(e.linkTarget());
            if (target == null || e.linkTarget().equals(e.path()) || target.kind() == EntryKind.DIRECTORY) {
                String why = target == null
                        ? "hardlink to /" + e.linkTarget() + ", which does not exist"
                        : e.linkTarget().equals(e.path())
                                ? "hardlink to itself"
                                : "hardlink to the directory /" + e.linkTarget();
                findings.add(finding(ref, "TAR007", e.path(), why));
                return;
            }
        }
        // one lookup: the entry takes the path's place, and what was there is accounted for after
        FileNode existing = nodes.put(e.path(), node(e, layer));
        if (e.kind() == EntryKind.DIRECTORY) {
            if (existing != null && existing.kind() != EntryKind.DIRECTORY) {
                hide(existing, layer, true);
                modified++;
            }
            return;
        }
        if (existing != null) {
            if (existing.kind() == EntryKind.DIRECTORY) {
                removeSubtree(e.path(), layer, false); // a file in a directory's place: what was under it goes
            } else {
                hide(existing, layer, true);
            }
            modified++;
        } else {
            added++;
        }
        addedBytes += e.size();
        touch(e.path(), e.size());
    }

    private static FileNode node(LayerEntry e, int layer) {
        return new FileNode(e.path(), e.kind(), e.mode(), e.uid(), e.gid(), e.size(), e.linkTarget(), layer);
    }

    /** Removes a path and what is under it (or only what is under it); returns whether anything was there. */
    private boolean removeSubtree(String path, int layer, boolean inclusive) {
        boolean existed = false;
        if (path.isEmpty()) {
            existed = !nodes.isEmpty();
            for (FileNode n : new ArrayList<>(nodes.values())) {
                remove(n, layer);
            }
            return existed;
        }
        if (inclusive) {
            FileNode self = nodes.get(path);
            if (self != null) {
                existed = true;
                remove(self, layer);
            }
        }
        NavigableMap<String, FileNode> under = nodes.subMap(path + "/", true, path + "0", false);
        if (!under.isEmpty()) {
            existed = true;
            for (FileNode n : new ArrayList<>(under.values())) {
                remove(n, layer);
            }
        }
        return existed;
    }

    private void remove(FileNode n, int layer) {
        nodes.remove(n.path());
        if (n.kind() != EntryKind.DIRECTORY) {
            hide(n, layer, false);
            removed++;
        }
    }

    private void hide(FileNode n, int layer, boolean overwritten) {
        if (n.kind() == EntryKind.FILE) {
            remnants.add(new Remnant(n.path(), n.size(), n.layer(), layer, overwritten));
        }
        if (!overwritten) {
            touch(n.path(), 0);
        }
    }

    private void touch(String path, long size) {
        long[] d = perPath.computeIfAbsent(path, k -> new long[] {0, 0, Long.MAX_VALUE});
        d[0]++;
        d[1] += size;
        d[2] = Math.min(d[2], size);
    }

    /** Checks the final tree's symlinks; call once after the last layer. */
    public void finish(List<LayerRef> layers) {
        for (FileNode n : nodes.values()) {
            if (n.kind() == EntryKind.SYMLINK && SymlinkResolver.resolve(nodes, n.path()) == null) {
                LayerRef ref = layers.get(n.layer());
                findings.add(finding(
                        ref,
                        "TAR008",
                        n.path(),
                        "symlink loop (or a chain of more than " + MAX_SYMLINK_HOPS + " links) via -> "
                                + n.linkTarget()));
            }
        }
    }

    private static Finding finding(LayerRef ref, String id, String path, String message) {
        return new Finding(id, Severity.HIGH, message, new Location(ref.index(), ref.digest(), ref.diffId(), path));
    }

    /** The final filesystem, by path. */
    public NavigableMap<String, FileNode> nodes() {
        return Collections.unmodifiableNavigableMap(nodes);
    }

    public List<Remnant> remnants() {
        return Collections.unmodifiableList(remnants);
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** Per-layer changes, with each layer's remnant bytes filled in. */
    public List<LayerChanges> changes() {
        long[] hidden = new long[changes.size()];
        for (Remnant r : remnants) {
            hidden[r.layer()] += r.size();
        }
        List<LayerChanges> out = new ArrayList<>();
        for (LayerChanges c : changes) {
            out.add(new LayerChanges(
                    c.layer(), c.added(), c.modified(), c.removed(), c.addedBytes(), hidden[c.layer()], c.read()));
        }
        return out;
    }

    /** The dive-style efficiency of the layers applied so far. */
    public Efficiency efficiency() {
        long minimum = 0;
        long cumulative = 0;
        long wasted = 0;
        List<Efficiency.Waste> waste = new ArrayList<>();
        for (Map.Entry<String, long[]> e : perPath.entrySet()) {
            long[] d = e.getValue();
            minimum += d[2];
            cumulative += d[1];
            if (d[0] > 1) {
                wasted += d[1];
                waste.add(new Efficiency.Waste("/" + e.getKey(), (int) d[0], d[1]));
            }
        }
        waste.sort((a, b) -> a.cumulativeBytes() != b.cumulativeBytes()
                ? Long.compare(b.cumulativeBytes(), a.cumulativeBytes())
                : a.path().compareTo(b.path()));
        double score = cumulative == 0 ? 1.0 : (double) minimum / cumulative;
        return new Efficiency(score, wasted, waste.subList(0, Math.min(20, waste.size())));
    }
}
