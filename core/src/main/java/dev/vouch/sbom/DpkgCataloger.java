package dev.vouch.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Debian packages: {@code var/lib/dpkg/status} (rewritten by every layer that installs or removes packages) and
 * {@code var/lib/dpkg/status.d/*} (one file per package, as distroless images ship them). Each installed package
 * comes with its source package and source version (from {@code Source: name (version)}; Debian's advisories are
 * keyed by source package) and the licenses its machine-readable {@code usr/share/doc/NAME/copyright} declares.
 * The files packages installed ({@code var/lib/dpkg/info/*.list}, distroless {@code status.d/*.md5sums}) are
 * recorded as owned, so a runtime dpkg installed is not listed a second time.
 */
public final class DpkgCataloger implements Cataloger {
    static final String STATUS = "var/lib/dpkg/status";
    static final String STATUS_D = "var/lib/dpkg/status.d/";
    private static final String DOC = "usr/share/doc/";
    private static final String INFO = "var/lib/dpkg/info/";

    @Override
    public boolean wants(String path) {
        if (path.equals(STATUS)) {
            return true;
        }
        if (path.startsWith(STATUS_D)) {
            return true; // the .md5sums beside each package name its files
        }
        if (path.startsWith(INFO)) {
            return path.endsWith(".list"); // the files each package installed
        }
        return path.startsWith(DOC)
                && path.endsWith("/copyright")
                && path.indexOf('/', DOC.length()) == path.length() - 10;
    }

    @Override
    public void catalog(CatalogContext ctx) {
        int statusLayer = ctx.finalLayer(STATUS);
        if (statusLayer >= 0) {
            NavigableMap<Integer, Map<String, String>> byLayer = new TreeMap<>();
            ctx.textByLayer(STATUS).headMap(statusLayer, true).forEach((l, text) -> byLayer.put(l, versions(text)));
            ctx.finalText(STATUS).ifPresent(text -> {
                List<Map<String, String>> stanzas = Stanzas.deb822(text);
                if (!text.isBlank() && stanzas.stream().noneMatch(s -> s.containsKey("Package"))) {
                    ctx.unreadable(STATUS, "no stanza names a Package: not a dpkg status file");
                }
                for (Map<String, String> s : stanzas) {
                    if (installed(s)) {
                        int layer = Introduced.layer(byLayer, s.get("Package"), s.get("Version"));
                        ctx.add(toPackage(ctx, s, STATUS, layer));
                    }
                }
            });
        }
        for (String path : ctx.finalPaths(INFO)) {
            ctx.finalText(path).ifPresent(text -> text.lines().forEach(l -> ctx.own(l)));
        }
        for (String path : ctx.finalPaths(STATUS_D)) {
            if (path.endsWith(".md5sums")) {
                // "MD5  usr/bin/x": the path after the checksum
                ctx.finalText(path)
                        .ifPresent(text -> text.lines()
                                .map(l -> l.length() > 34 ? l.substring(34) : "")
                                .forEach(ctx::own));
                continue;
            }
            int layer = ctx.finalLayer(path);
            ctx.finalText(path).ifPresent(text -> {
                List<Map<String, String>> stanzas = Stanzas.deb822(text);
                if (!text.isBlank() && stanzas.stream().noneMatch(s -> s.containsKey("Package"))) {
                    ctx.unreadable(path, "no stanza names a Package: not a dpkg status file");
                }
                for (Map<String, String> s : stanzas) {
                    if (s.containsKey("Package")
                            && s.containsKey("Version")
                            && (!s.containsKey("Status") || installed(s))) {
                        ctx.add(toPackage(ctx, s, path, layer));
                    }
                }
            });
        }
    }

    private static boolean installed(Map<String, String> s) {
        String status = s.getOrDefault("Status", "");
        return s.containsKey("Package") && s.containsKey("Version") && status.endsWith(" installed");
    }

    private static Map<String, String> versions(String text) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, String> s : Stanzas.deb822(text)) {
            if (installed(s)) {
                out.put(s.get("Package"), s.get("Version"));
            }
        }
        return out;
    }

    private static Package toPackage(CatalogContext ctx, Map<String, String> s, String path, int layer) {
        String name = s.get("Package");
        String version = s.get("Version");
        String arch = s.get("Architecture");
        String sourceName = name;
        String sourceVersion = version;
        String source = s.get("Source");
        if (source != null && !source.isBlank()) {
            // "Source: name" or "Source: name (version)" when the binary's version differs from the source's
            int paren = source.indexOf('(');
            sourceName = (paren < 0 ? source : source.substring(0, paren)).strip();
            if (paren >= 0 && source.indexOf(')', paren) > paren) {
                sourceVersion =
                        source.substring(paren + 1, source.indexOf(')', paren)).strip();
            }
        }
        Distro d = ctx.distro();
        Map<String, String> q = new HashMap<>();
        q.put("arch", arch);
        q.put("distro", d == null ? null : d.purlQualifier());
        if (!sourceName.equals(name) || !sourceVersion.equals(version)) {
            q.put("upstream", sourceVersion.equals(version) ? sourceName : sourceName + "@" + sourceVersion);
        }
        String namespace = d == null ? "debian" : d.id();
        String purl = Purls.of(PackageType.DEB, namespace, name, version, q);
        List<PackageLocation> where = new ArrayList<>();
        where.add(new PackageLocation(path, layer));
        return new Package(
                PackageType.DEB,
                name,
                version,
                purl,
                licenses(ctx, name.contains(":") ? name.substring(0, name.indexOf(':')) : name),
                sourceName,
                sourceVersion,
                arch,
                where);
    }

    private static final byte[] DEP5 = "Format:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The licenses a machine-readable (DEP-5) copyright file declares: the first word of each License field. */
    private static List<String> licenses(CatalogContext ctx, String name) {
        return ctx.finalBytes(DOC + name + "/copyright")
                .map(bytes -> {
                    if (bytes.length < DEP5.length
                            || !java.util.Arrays.equals(bytes, 0, DEP5.length, DEP5, 0, DEP5.length)) {
                        return List.<String>of();
                    }
                    Set<String> out = new LinkedHashSet<>();
                    for (String first : Stanzas.firstLines(bytes, "License")) {
                        if (!first.isEmpty() && first.length() < 200) {
                            out.add(first);
                        }
                    }
                    return List.copyOf(out);
                })
                .orElse(List.of());
    }
}
