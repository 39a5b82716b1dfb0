package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vouch.io.Json;
import dev.vouch.io.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The packages a JavaScript project's lock file pins, for images that ship a project without (or beside) its
 * {@code node_modules}: npm's {@code package-lock.json} / {@code npm-shrinkwrap.json} (lockfile versions 1 to 3,
 * <a href="https://docs.npmjs.com/cli/configuring-npm/package-lock-json">npm docs</a>), Yarn's {@code yarn.lock}
 * (classic v1 and Berry) and pnpm's {@code pnpm-lock.yaml} (v5 to v9). Only what a production install has is listed
 * (as trivy does by default): npm and pnpm before v9 mark development-only entries themselves; for Yarn and pnpm v9
 * the production set is what the project's {@code package.json} (and its workspaces') {@code dependencies} and
 * {@code optionalDependencies} reach through the lock, transitively. Without a package.json beside a Yarn lock,
 * everything is listed. Workspace, linked and patched entries are not packages of a registry and are skipped.
 */
public final class NpmLockCataloger implements Cataloger {
    private static final int MAX = 16 << 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_PACKAGES = 100_000;
    private static final int MAX_WORKSPACES = 1_000;

    @Override
    public boolean wants(String path) {
        if (path.contains("node_modules/")) {
            return false; // node_modules/.package-lock.json repeats what the package.json files there say
        }
        return lockFile(path) || path.equals("package.json") || path.endsWith("/package.json");
    }

    private static boolean lockFile(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.equals("package-lock.json")
                || file.equals("npm-shrinkwrap.json")
                || file.equals("yarn.lock")
                || file.equals("pnpm-lock.yaml");
    }

    @Override
    public void catalog(CatalogContext ctx) {
        for (String path : ctx.finalPaths("")) {
            if (!lockFile(path) || path.contains("node_modules/")) {
                continue;
            }
            byte[] lock = ctx.finalBytes(path).orElse(null);
            if (lock == null) {
                continue; // over the catalog's cap: noted there
            }
            String dir = path.substring(0, path.lastIndexOf('/') + 1);
            Map<String, byte[]> manifests = new HashMap<>();
            for (String m : ctx.finalPaths(dir)) {
                if (m.endsWith("package.json") && !m.contains("node_modules/") && manifests.size() < MAX_WORKSPACES) {
                    String rel = m.substring(dir.length(), m.length() - "package.json".length());
                    if (rel.isEmpty() || rel.endsWith("/")) {
                        ctx.finalBytes(m).ifPresent(b -> manifests.put(strip(rel), b));
                    }
                }
            }
            try {
                int layer = ctx.finalLayer(path);
                for (Package p : packages(path, lock, manifests)) {
                    ctx.add(p.at(List.of(new PackageLocation(path, layer))));
                }
            } catch (IOException | RuntimeException e) {
                ctx.unreadable(path, Catalog.why(e));
            }
        }
    }

    private static String strip(String rel) {
        return rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
    }

    /**
     * The production packages a lock file pins.
     *
     * @param manifests the project's package.json files, by directory relative to the lock ("" for its own)
     */
    static List<Package> packages(String path, byte[] lock, Map<String, byte[]> manifests) throws IOException {
        if (lock.length > MAX) {
            throw new IOException("over " + (MAX >> 20) + " MiB");
        }
        Set<Package> out = new LinkedHashSet<>();
        if (path.endsWith(".json")) {
            npmLock(mapping(Json.tree(lock, path)), out);
        } else if (path.endsWith("yarn.lock")) {
            yarnLock(new String(lock, StandardCharsets.UTF_8), roots(path, manifests), out);
        } else {
            pnpmLock(mapping(Yaml.tree(lock, path)), out);
        }
        return new ArrayList<>(out);
    }

    /**
     * What a production install starts from: the dependencies of the project and of its workspaces, as {@code
     * name -> range} pairs; null when there is no package.json to say.
     */
    private static List<String[]> roots(String path, Map<String, byte[]> manifests) {
        byte[] own = manifests.get("");
        if (own == null) {
            return null;
        }
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        NpmManifest project = NpmManifest.parse(own, "/" + dir + "package.json");
        List<String[]> roots = new ArrayList<>();
        project.dependencies().forEach((n, r) -> roots.add(new String[] {n, r}));
        manifests.forEach((rel, bytes) -> {
            if (!rel.isEmpty() && project.hasWorkspace(rel)) {
                NpmManifest.parse(bytes, "/" + dir + rel + "/package.json")
                        .dependencies()
                        .forEach((n, r) -> roots.add(new String[] {n, r}));
            }
        });
        return roots;
    }

    private static JsonNode mapping(JsonNode lock) throws IOException {
        if (!lock.isObject()) {
            throw new IOException(
                    "its top level is " + lock.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not a mapping: not a lock file");
        }
        return lock;
    }

    private static void npmLock(JsonNode lock, Set<Package> out) {
        JsonNode packages = lock.path("packages");
        if (packages.isObject()) {
            // lockfile v2/v3: "node_modules/a/node_modules/b": {version, license, dev, link}; "" is the project
            for (Map.Entry<String, JsonNode> e : packages.properties()) {
                String key = e.getKey();
                JsonNode p = e.getValue();
                int at = key.lastIndexOf("node_modules/");
                if (at < 0 || p.path("link").asBoolean(false) || p.path("dev").asBoolean(false)) {
                    continue;
                }
                String name = p.path("name").asText(key.substring(at + "node_modules/".length()));
                add(out, name, p.path("version").asText(null), p.path("license"));
            }
            return;
        }
        // lockfile v1: "dependencies": {name: {version, dev, dependencies: {...}}}, nested
        npmV1(lock.path("dependencies"), out, 0);
    }

    private static void npmV1(JsonNode deps, Set<Package> out, int depth) {
        if (!deps.isObject() || depth > MAX_DEPTH) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : deps.properties()) {
            JsonNode p = e.getValue();
            if (p.path("dev").asBoolean(false)) {
                continue; // and what is nested under it: a private copy only the development package uses
            }
            add(out, e.getKey(), p.path("version").asText(null), MissingNode.getInstance());
            npmV1(p.path("dependencies"), out, depth + 1);
        }
    }

    /** One yarn.lock block: the specs it resolves, its version, and the {@code name -> range} it depends on. */
    private record YarnEntry(List<String> specs, String version, List<String[]> dependencies) {}

    /**
     * yarn.lock: blocks headed by the specs they resolve ({@code "a@^1", a@~1.2:}), with an indented {@code version
     * "1.2.3"} (v1) or {@code version: 1.2.3} (Berry) line and {@code dependencies} / {@code optionalDependencies}
     * sections. With the project's roots, only the entries they reach are listed.
     */
    private static void yarnLock(String text, List<String[]> roots, Set<Package> out) throws IOException {
        List<YarnEntry> entries = new ArrayList<>();
        List<String> specs = null;
        String version = null;
        List<String[]> deps = new ArrayList<>();
        boolean inDeps = false;
        int headers = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                if (specs != null && version != null) {
                    entries.add(new YarnEntry(specs, version, deps));
                }
                specs = null;
                version = null;
                deps = new ArrayList<>();
                inDeps = false;
                if (line.endsWith(":") && !line.startsWith("__metadata")) {
                    headers++;
                    specs = new ArrayList<>();
                    for (String spec : line.substring(0, line.length() - 1).split(",")) {
                        if (!spec.isBlank()) {
                            specs.add(unquote(spec.strip()));
                        }
                    }
                    if (specs.isEmpty()) {
                        specs = null; // a header naming nothing (",:", found by fuzzing) heads no entry
                    }
                }
                continue;
            }
            if (specs == null) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String t = line.strip();
            if (indent <= 2) {
                inDeps = t.equals("dependencies:") || t.equals("optionalDependencies:");
                if (t.startsWith("version ") || t.startsWith("version:")) {
                    version = unquote(t.substring("version".length() + 1).strip());
                }
            } else if (inDeps && deps.size() < MAX_PACKAGES) {
                String[] dep = dependencyLine(t);
                if (dep != null) {
                    deps.add(dep);
                }
            }
        }
        if (specs != null && version != null) {
            entries.add(new YarnEntry(specs, version, deps));
        }
        if (headers == 0 && !text.isBlank()) {
            throw new IOException("no entry of the form 'name@range:': not a yarn lock file");
        }
        Set<YarnEntry> keep = roots == null ? new HashSet<>(entries) : reach(entries, roots);
        for (YarnEntry e : entries) {
            if (!keep.contains(e)) {
                continue;
            }
            String spec = e.specs().get(0);
            int at = spec.indexOf('@', 1);
            boolean registry = at > 0
                    && !spec.contains("@workspace:")
                    && !spec.contains("@link:")
                    && !spec.contains("@portal:")
                    && !spec.contains("@patch:")
                    && !spec.contains("@file:");
            if (registry) {
                String alias = spec.substring(0, at);
                String name = realName(alias, spec.substring(at + 1));
                Package p = npm(name, e.version(), MissingNode.getInstance());
                if (p != null) {
                    out.add(name.equals(alias) ? p : p.with("alias", alias));
                }
            }
        }
    }

    /** {@code name "range"} (v1) or {@code name: range} (Berry), either name possibly quoted. */
    private static String[] dependencyLine(String t) {
        String name;
        String rest;
        if (t.startsWith("\"")) {
            int close = t.indexOf('"', 1);
            if (close < 0) {
                return null;
            }
            name = t.substring(1, close);
            rest = t.substring(close + 1);
        } else {
            int end = 0;
            while (end < t.length() && t.charAt(end) != ' ' && t.charAt(end) != ':') {
                end++;
            }
            name = t.substring(0, end);
            rest = t.substring(end);
        }
        rest = rest.strip();
        rest = rest.startsWith(":") ? rest.substring(1).strip() : rest;
        return name.isEmpty() || rest.isEmpty() ? null : new String[] {name, unquote(rest)};
    }

    /** The entries the roots reach through their dependencies; a workspace's own entry is not followed. */
    private static Set<YarnEntry> reach(List<YarnEntry> entries, List<String[]> roots) {
        Map<String, YarnEntry> bySpec = new HashMap<>();
        for (YarnEntry e : entries) {
            e.specs().forEach(spec -> bySpec.put(spec, e));
        }
        Set<YarnEntry> seen = new HashSet<>();
        Deque<String[]> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String[] dep = todo.pop();
            YarnEntry e = bySpec.get(dep[0] + "@" + dep[1]);
            if (e == null) {
                e = bySpec.get(dep[0] + "@npm:" + dep[1]); // Berry writes the protocol the manifest leaves out
            }
            if (e != null && e.specs().stream().noneMatch(spec -> spec.contains("@workspace:")) && seen.add(e)) {
                todo.addAll(e.dependencies());
            }
        }
        return seen;
    }

    /**
     * The package an alias resolves to: {@code string-width-cjs@npm:string-width@^4.2.0} is string-width, installed
     * under another name; {@code react@npm:^18.2.0} is react itself.
     */
    private static String realName(String name, String range) {
        if (!range.startsWith("npm:")) {
            return name;
        }
        String inner = range.substring("npm:".length());
        int at = inner.lastIndexOf('@');
        return at > 0 ? inner.substring(0, at) : name;
    }

    /**
     * pnpm-lock.yaml: {@code packages} keyed {@code /name/1.2.3} (v5), {@code /name@1.2.3(peer@x)} (v6) or {@code
     * name@1.2.3} (v9), with {@code dev: true} on development-only ones before v9.
     */
    private static void pnpmLock(JsonNode lock, Set<Package> out) {
        int lockVersion = lockVersion(lock.path("lockfileVersion"));
        boolean v5 = lockVersion < 6;
        // v9 dropped the dev markers: what the importers' production dependencies reach through the snapshots
        Set<String> production = lockVersion >= 9
                        && lock.path("importers").isObject()
                        && lock.path("snapshots").isObject()
                ? pnpmProduction(lock)
                : null;
        for (Map.Entry<String, JsonNode> e : lock.path("packages").properties()) {
            if (e.getValue().path("dev").asBoolean(false)) {
                continue;
            }
            String key = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
            if (production != null && !production.contains(withoutPeers(key))) {
                continue;
            }
            if (v5) {
                // /name/1.2.3 or /@scope/name/1.2.3, then an optional _peer@x suffix (its own / written +): the
                // version is the segment after the name, up to the suffix; an @ in the suffix is not a separator
                String[] parts = key.split("/", key.startsWith("@") ? 3 : 2);
                if (parts.length < (key.startsWith("@") ? 3 : 2)) {
                    continue;
                }
                String name = key.startsWith("@") ? parts[0] + "/" + parts[1] : parts[0];
                String version = parts[parts.length - 1];
                int peer = version.indexOf('_');
                add(out, name, peer > 0 ? version.substring(0, peer) : version, MissingNode.getInstance());
                continue;
            }
            int paren = key.indexOf('(');
            if (paren > 0) {
                key = key.substring(0, paren);
            }
            int at = key.lastIndexOf('@');
            String name;
            String version;
            if (at > 0) {
                name = key.substring(0, at);
                version = key.substring(at + 1);
            } else {
                int slash = key.lastIndexOf('/');
                if (slash <= 0) {
                    continue;
                }
                name = key.substring(0, slash);
                version = key.substring(slash + 1);
                int peer = version.indexOf('_');
                version = peer > 0 ? version.substring(0, peer) : version;
            }
            add(out, name, version, MissingNode.getInstance());
        }
    }

    /**
     * The {@code name@version} keys (peers left out) that the importers' {@code dependencies} and {@code
     * optionalDependencies} reach through {@code snapshots} in a v9 lock.
     */
    private static Set<String> pnpmProduction(JsonNode lock) {
        Map<String, JsonNode> snapshots = new HashMap<>();
        lock.path("snapshots").properties().forEach(e -> snapshots.put(e.getKey(), e.getValue()));
        Deque<String> todo = new ArrayDeque<>();
        for (Map.Entry<String, JsonNode> importer : lock.path("importers").properties()) {
            for (String field : List.of("dependencies", "optionalDependencies")) {
                importer.getValue().path(field).properties().forEach(d -> {
                    String key =
                            pnpmKey(d.getKey(), d.getValue().path("version").asText(""));
                    if (key != null) {
                        todo.add(key);
                    }
                });
            }
        }
        Set<String> seen = new HashSet<>();
        Set<String> production = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_PACKAGES) {
            String key = todo.pop();
            if (!seen.add(key)) {
                continue;
            }
            production.add(withoutPeers(key));
            JsonNode snapshot = snapshots.get(key);
            if (snapshot == null) {
                continue;
            }
            for (String field : List.of("dependencies", "optionalDependencies")) {
                snapshot.path(field).properties().forEach(d -> {
                    String dep = pnpmKey(d.getKey(), d.getValue().asText(""));
                    if (dep != null) {
                        todo.add(dep);
                    }
                });
            }
        }
        return production;
    }

    /** A snapshot key from a dependency: {@code 1.2.3(peer@x)} under its name, or an alias's {@code real@1.2.3}. */
    private static String pnpmKey(String name, String version) {
        if (version.isEmpty() || version.startsWith("link:") || version.startsWith("file:")) {
            return null;
        }
        return Character.isDigit(version.charAt(0)) ? name + "@" + version : version;
    }

    private static String withoutPeers(String key) {
        int paren = key.indexOf('(');
        return paren > 0 ? key.substring(0, paren) : key;
    }

    /** The lock file's major version: 5.4 and '5.4' are 5; absent or unreadable counts as 9 (the keys then tell). */
    private static int lockVersion(JsonNode v) {
        String text = v.asText("");
        try {
            return (int) Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 9;
        }
    }

    private static void add(Set<Package> out, String name, String version, JsonNode license) {
        Package p = npm(name, version, license);
        if (p != null && out.size() < MAX_PACKAGES) {
            out.add(p);
        }
    }

    /** An npm package, or null when the version is not a registry release (a URL, a path, a git reference). */
    private static Package npm(String name, String version, JsonNode license) {
        if (name == null || version == null || name.isBlank()) {
            return null;
        }
        if (version.isBlank() || version.contains(":") || version.contains("/") || version.contains(" ")) {
            return null;
        }
        return NpmCataloger.npmPackage(name, version, license);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
