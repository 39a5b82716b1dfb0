package dev.vouch.sbom;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Alpine packages from {@code lib/apk/db/installed} (<a
 * href="https://wiki.alpinelinux.org/wiki/Apk_spec">apk database format</a>): name {@code P}, version {@code V},
 * architecture {@code A}, origin (the source package, which Alpine's advisories name) {@code o}, license {@code L}.
 */
public final class ApkCataloger implements Cataloger {
    static final String INSTALLED = "lib/apk/db/installed";

    @Override
    public boolean wants(String path) {
        return path.equals(INSTALLED);
    }

    @Override
    public void catalog(CatalogContext ctx) {
        int top = ctx.finalLayer(INSTALLED);
        if (top < 0) {
            return;
        }
        NavigableMap<Integer, Map<String, String>> byLayer = new TreeMap<>();
        ctx.textByLayer(INSTALLED).headMap(top, true).forEach((l, text) -> {
            Map<String, String> v = new HashMap<>();
            for (Map<String, String> r : Stanzas.apk(text)) {
                if (r.containsKey("P") && r.containsKey("V")) {
                    v.put(r.get("P"), r.get("V"));
                }
            }
            byLayer.put(l, v);
        });
        ctx.finalText(INSTALLED).ifPresent(text -> {
            Distro d = ctx.distro();
            List<Map<String, String>> records = Stanzas.apk(text);
            if (!text.isBlank() && records.stream().noneMatch(r -> r.containsKey("P"))) {
                ctx.unreadable(INSTALLED, "no record names a package (P:): not an apk database");
            }
            owned(ctx, text);
            for (Map<String, String> r : records) {
                String name = r.get("P");
                String version = r.get("V");
                if (name == null || version == null) {
                    continue;
                }
                String origin = r.getOrDefault("o", name);
                Map<String, String> q = new HashMap<>();
                q.put("arch", r.get("A"));
                q.put("distro", d == null ? null : d.purlQualifier());
                if (!origin.equals(name)) {
                    q.put("upstream", origin);
                }
                String license = r.get("L");
                ctx.add(new Package(
                        PackageType.APK,
                        name,
                        version,
                        Purls.of(PackageType.APK, d == null ? "alpine" : d.id(), name, version, q),
                        license == null || license.isBlank() ? List.of() : List.of(license),
                        origin,
                        version,
                        r.get("A"),
                        List.of(new PackageLocation(INSTALLED, Introduced.layer(byLayer, name, version)))));
            }
        });
    }

    /** The files of every package: {@code F:} names a directory, the {@code R:} lines after it its files. */
    private static void owned(CatalogContext ctx, String installed) {
        String dir = "";
        for (String line : installed.split("\n")) {
            if (line.startsWith("F:")) {
                dir = line.substring(2);
            } else if (line.startsWith("R:")) {
                ctx.own(dir.isEmpty() ? line.substring(2) : dir + "/" + line.substring(2));
            } else if (line.isEmpty()) {
                dir = "";
            }
        }
    }
}
