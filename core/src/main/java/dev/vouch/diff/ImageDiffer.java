package dev.vouch.diff;

import dev.vouch.fs.FileNode;
import dev.vouch.fs.ImageWalker;
import dev.vouch.fs.WalkResult;
import dev.vouch.image.Digest;
import dev.vouch.image.Image;
import dev.vouch.image.ImageConfig;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.ProgressListener;
import dev.vouch.sbom.Catalog;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.Sbom;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two images: walks each once (hashing only the files of layers the other does not have) and catalogs
 * their packages, then reports differences in config, history, layers, files and packages.
 */
public final class ImageDiffer {
    private ImageDiffer() {}

    public static ImageDiff diff(Image a, String nameA, Image b, String nameB, ProgressListener progress)
            throws IOException {
        List<Digest> da = a.config().rootfs().diffIds();
        List<Digest> db = b.config().rootfs().diffIds();
        int shared = 0;
        while (shared < da.size() && shared < db.size() && da.get(shared).equals(db.get(shared))) {
            shared++;
        }
        Walked wa = walk(a, nameA, unshared(da, db), progress);
        Walked wb = walk(b, nameB, unshared(db, da), progress);
        List<ImageDiff.Change> files = files(wa, wb);
        List<ImageDiff.Change> packages = packages(wa.sbom(), wb.sbom());
        List<ImageDiff.Change> config = config(a.config(), b.config());
        int sharedHistory = 0;
        List<ImageConfig.History> ha = a.config().history();
        List<ImageConfig.History> hb = b.config().history();
        while (sharedHistory < ha.size()
                && sharedHistory < hb.size()
                && Objects.equals(
                        ha.get(sharedHistory).createdBy(), hb.get(sharedHistory).createdBy())) {
            sharedHistory++;
        }
        return new ImageDiff(
                new ImageDiff.Side(nameA, a.digest().toString(), da.size()),
                new ImageDiff.Side(nameB, b.digest().toString(), db.size()),
                shared,
                config,
                commands(ha.subList(sharedHistory, ha.size())),
                commands(hb.subList(sharedHistory, hb.size())),
                files,
                packages);
    }

    private record Walked(Image image, WalkResult walk, FileHashes hashes, Sbom sbom) {}

    /** The layer indexes of {@code mine} whose diff_id {@code theirs} does not have. */
    private static Set<Integer> unshared(List<Digest> mine, List<Digest> theirs) {
        Set<Digest> other = new HashSet<>(theirs);
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < mine.size(); i++) {
            if (!other.contains(mine.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    private static Walked walk(Image image, String name, Set<Integer> hash, ProgressListener progress)
            throws IOException {
        FileHashes hashes = new FileHashes(hash);
        Catalog catalog = Catalog.standard();
        WalkResult walk = ImageWalker.standard(List.<Analyzer>of(catalog, hashes), progress)
                .walk(image);
        return new Walked(image, walk, hashes, catalog.finish(name, image, walk));
    }

    private static List<ImageDiff.Change> files(Walked a, Walked b) {
        List<ImageDiff.Change> out = new ArrayList<>();
        Map<String, FileNode> fa = a.walk().files();
        Map<String, FileNode> fb = b.walk().files();
        Set<String> paths = new TreeSet<>(fa.keySet());
        paths.addAll(fb.keySet());
        for (String p : paths) {
            FileNode x = fa.get(p);
            FileNode y = fb.get(p);
            if (x == null) {
                out.add(new ImageDiff.Change(ImageDiff.Kind.ADDED, "/" + p, null, describe(y)));
            } else if (y == null) {
                out.add(new ImageDiff.Change(ImageDiff.Kind.REMOVED, "/" + p, describe(x), null));
            } else if (!describe(x).equals(describe(y)) || contentDiffers(a, x, b, y)) {
                String before = describe(x);
                String after = describe(y);
                if (before.equals(after)) {
                    before = before + " content " + shortHash(a, x);
                    after = after + " content " + shortHash(b, y);
                }
                out.add(new ImageDiff.Change(ImageDiff.Kind.CHANGED, "/" + p, before, after));
            }
        }
        return out;
    }

    private static String describe(FileNode n) {
        return n.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + String.format("%04o", n.mode() & 07777)
                + " " + n.uid() + ":" + n.gid()
                + (n.kind() == dev.vouch.layer.EntryKind.FILE ? " " + n.size() + " B" : "")
                + (n.linkTarget() == null ? "" : " -> " + n.linkTarget());
    }

    private static boolean contentDiffers(Walked a, FileNode x, Walked b, FileNode y) {
        if (x.kind() != dev.vouch.layer.EntryKind.FILE) {
            return false;
        }
        Digest lx = a.image().config().rootfs().diffIds().get(x.layer());
        Digest ly = b.image().config().rootfs().diffIds().get(y.layer());
        if (lx.equals(ly)) {
            return false; // the same layer bytes wrote it in both
        }
        String hx = a.hashes().hash(x.layer(), x.path());
        String hy = b.hashes().hash(y.layer(), y.path());
        return hx == null || hy == null || !hx.equals(hy);
    }

    private static String shortHash(Walked w, FileNode n) {
        String h = w.hashes().hash(n.layer(), n.path());
        // a file over 16 MiB that a cataloger reads is not hashed too: it counts as changed, said so
        return h == null ? "not compared (over 16 MiB)" : "sha256:" + h.substring(0, 12);
    }

    private static List<ImageDiff.Change> packages(Sbom a, Sbom b) {
        List<ImageDiff.Change> out = new ArrayList<>();
        keyed(out, "", versions(a), versions(b));
        return out;
    }

    /** type:name -> versions (several when a name is installed at several versions, as with jars). */
    private static Map<String, String> versions(Sbom s) {
        Map<String, TreeSet<String>> m = new TreeMap<>();
        for (Package p : s.packages()) {
            m.computeIfAbsent(p.type().purlType() + ":" + p.name(), k -> new TreeSet<>())
                    .add(p.version());
        }
        Map<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }

    private static List<ImageDiff.Change> config(ImageConfig a, ImageConfig b) {
        List<ImageDiff.Change> out = new ArrayList<>();
        ImageConfig.RunConfig x = a.config();
        ImageConfig.RunConfig y = b.config();
        value(out, "user", x.user(), y.user());
        value(out, "workdir", x.workingDir(), y.workingDir());
        value(out, "entrypoint", String.join(" ", x.entrypoint()), String.join(" ", y.entrypoint()));
        value(out, "cmd", String.join(" ", x.cmd()), String.join(" ", y.cmd()));
        value(out, "stopsignal", x.stopSignal(), y.stopSignal());
        value(out, "platform", a.platform().toString(), b.platform().toString());
        keyed(out, "env ", env(x.env()), env(y.env()));
        keyed(
                out,
                "label ",
                new TreeMap<>(dev.vouch.secret.SecretLike.maskValues(x.labels())),
                new TreeMap<>(dev.vouch.secret.SecretLike.maskValues(y.labels())));
        keyed(out, "expose ", keys(x.exposedPorts()), keys(y.exposedPorts()));
        keyed(out, "volume ", keys(x.volumes()), keys(y.volumes()));
        return out;
    }

    private static Map<String, String> env(List<String> env) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            String k = eq < 0 ? kv : kv.substring(0, eq);
            String v = eq < 0 ? "" : kv.substring(eq + 1);
            out.put(k, dev.vouch.secret.SecretLike.envLooksSecret(k, v) ? dev.vouch.secret.SecretLike.mask(v) : v);
        }
        return out;
    }

    private static Map<String, String> keys(Map<String, Object> m) {
        Map<String, String> out = new TreeMap<>();
        m.keySet().forEach(k -> out.put(k, ""));
        return out;
    }

    private static void value(List<ImageDiff.Change> out, String what, String x, String y) {
        String a = x == null ? "" : x;
        String b = y == null ? "" : y;
        if (!a.equals(b)) {
            out.add(new ImageDiff.Change(
                    a.isEmpty() ? ImageDiff.Kind.ADDED : b.isEmpty() ? ImageDiff.Kind.REMOVED : ImageDiff.Kind.CHANGED,
                    what,
                    a.isEmpty() ? null : a,
                    b.isEmpty() ? null : b));
        }
    }

    private static void keyed(List<ImageDiff.Change> out, String prefix, Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null) {
                out.add(new ImageDiff.Change(ImageDiff.Kind.ADDED, prefix + k, null, y));
            } else if (y == null) {
                out.add(new ImageDiff.Change(ImageDiff.Kind.REMOVED, prefix + k, x, null));
            } else if (!x.equals(y)) {
                out.add(new ImageDiff.Change(ImageDiff.Kind.CHANGED, prefix + k, x, y));
            }
        }
    }

    private static List<String> commands(List<ImageConfig.History> h) {
        List<String> out = new ArrayList<>();
        for (ImageConfig.History e : h) {
            out.add(e.createdBy() == null ? "" : dev.vouch.secret.SecretLike.maskText(e.createdBy()));
        }
        return out;
    }
}
