package dev.vouch.hardening;

import dev.vouch.fs.FileNode;
import dev.vouch.fs.WalkResult;
import dev.vouch.layer.Analyzer;
import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import dev.vouch.layer.LayerRef;
import dev.vouch.layer.LayerResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers {@link HardeningFacts}: reads /etc/passwd and /etc/shadow as the layer pass streams them (every layer's
 * copy; the final image's counts) and looks the rest up in the merged filesystem.
 */
public final class HardeningAnalyzer implements Analyzer, LayerResults<HardeningAnalyzer.PasswordFiles> {
    private static final int MAX = 4 << 20;
    private static final List<String> BIN_DIRS = List.of("bin/", "usr/bin/", "sbin/", "usr/sbin/", "usr/local/bin/");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox");
    private static final Set<String> PACKAGE_MANAGERS = Set.of(
            "apt", "apt-get", "dpkg", "apk", "yum", "dnf", "microdnf", "rpm", "zypper", "pip", "pip3", "npm", "gem");
    private static final List<String> PASSWD = List.of("etc/passwd", "etc/shadow");

    private final Map<String, Map<Integer, String>> kept = new ConcurrentHashMap<>();

    @Override
    public String resultsKind() {
        return "hardening";
    }

    /** The copies of /etc/passwd and /etc/shadow one layer wrote, by path. */
    public record PasswordFiles(Map<String, String> files) {
        public PasswordFiles {
            files = Map.copyOf(files);
        }
    }

    @Override
    public Class<PasswordFiles> resultsType() {
        return PasswordFiles.class;
    }

    @Override
    public PasswordFiles export(int layer) {
        Map<String, String> out = new java.util.TreeMap<>();
        kept.forEach((path, byLayer) -> {
            String text = byLayer.get(layer);
            if (text != null) {
                out.put(path, text);
            }
        });
        return new PasswordFiles(out);
    }

    @Override
    public void restore(int layer, PasswordFiles results) {
        results.files()
                .forEach((path, text) -> kept.computeIfAbsent(path, p -> new ConcurrentHashMap<>())
                        .put(layer, text));
    }

    @Override
    public boolean wants(LayerEntry entry) {
        return entry.kind() == EntryKind.FILE && entry.size() <= MAX && PASSWD.contains(entry.path());
    }

    @Override
    public void accept(LayerRef layer, LayerEntry entry, InputStream content) throws IOException {
        kept.computeIfAbsent(entry.path(), p -> new ConcurrentHashMap<>())
                .put(layer.index(), new String(content.readNBytes((int) entry.size()), StandardCharsets.UTF_8));
    }

    public HardeningFacts facts(WalkResult walk) {
        List<String> shells = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (String dir : BIN_DIRS) {
            // the paths under dir/ sort between "dir/" and "dir0" ('0' follows '/')
            String after = dir.substring(0, dir.length() - 1) + "0";
            for (FileNode n : walk.files().subMap(dir, true, after, false).values()) {
                if (n.kind() == EntryKind.DIRECTORY || n.path().indexOf('/', dir.length()) >= 0) {
                    continue;
                }
                String name = n.path().substring(dir.length());
                if (SHELLS.contains(name)) {
                    shells.add(n.path());
                }
                if (PACKAGE_MANAGERS.contains(name)) {
                    managers.add(n.path());
                }
            }
        }
        String sshd = walk.files().containsKey("usr/sbin/sshd") ? "usr/sbin/sshd" : null;
        List<String> setuid =
                walk.setuidOrSetgid().stream().map(FileNode::path).sorted().toList();
        List<String> rootWritable = walk.worldWritable().stream()
                .filter(n -> n.uid() == 0)
                .map(FileNode::path)
                .sorted()
                .toList();
        List<String> empty = new ArrayList<>();
        String shadow = finalText("etc/shadow", walk);
        if (shadow != null) {
            for (String line : shadow.split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 2 && !f[0].isEmpty() && f[1].isEmpty()) {
                    empty.add(f[0]);
                }
            }
        }
        Map<String, List<String>> dup = new TreeMap<>();
        String passwd = finalText("etc/passwd", walk);
        if (passwd != null) {
            Map<String, Set<String>> byUid = new TreeMap<>();
            for (String line : passwd.split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].isEmpty() && !f[0].startsWith("#")) {
                    byUid.computeIfAbsent(f[2], u -> new TreeSet<>()).add(f[0]);
                }
            }
            byUid.forEach((uid, names) -> {
                if (names.size() > 1) {
                    dup.put(uid, List.copyOf(names));
                }
            });
        }
        shells.sort(null);
        managers.sort(null);
        return new HardeningFacts(shells, managers, sshd, setuid, rootWritable, empty, dup);
    }

    private String finalText(String path, WalkResult walk) {
        FileNode n = walk.files().get(path);
        Map<Integer, String> copies = kept.get(path);
        return n == null || copies == null ? null : copies.get(n.layer());
    }
}
