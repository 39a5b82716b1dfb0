package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.io.Yaml;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The packages a JavaScript project's lock file pins, for images that ship a project without (or beside) its
 * {@code node_modules}: npm's {@code package-lock.json} / {@code npm-shrinkwrap.json} (lockfile versions 1 to 3,
 * <a href="https://docs.npmjs.com/cli/configuring-npm/package-lock-json">npm docs</a>), Yarn's {@code yarn.lock}
 * (classic v1 and Berry) and pnpm's {@code pnpm-lock.yaml} (v5 to v9). Development-only dependencies are left out
 * where the lock file marks them (as trivy does by default): a production install does not have them. Workspace,
 * linked and patched entries are not packages of a registry and are skipped.
 */
public final class NpmLockCataloger implements FileCataloger {
    private static final int MAX = 16 << 20;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_PACKAGES = 100_000;

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        if (entry.size() > MAX || path.contains("node_modules/")) {
            return false; // node_modules/.package-lock.json repeats what the package.json files there say
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.equals("package-lock.json")
                || file.equals("npm-shrinkwrap.json")
                || file.equals("yarn.lock")
                || file.equals("pnpm-lock.yaml");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        byte[] bytes = BoundedReads.readAll(content, MAX, path);
        Set<Package> out = new LinkedHashSet<>();
        if (path.endsWith(".json")) {
            npmLock(Json.tree(bytes, path), out);
        } else if (path.endsWith("yarn.lock")) {
            yarnLock(new String(bytes, StandardCharsets.UTF_8), out);
        } else {
            pnpmLock(Yaml.tree(bytes, path), out);
        }
        return Found.of(new ArrayList<>(out));
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

    /**
     * yarn.lock: blocks headed by the specs they resolve ({@code "a@^1", a@~1.2:}), with an indented {@code version
     * "1.2.3"} (v1) or {@code version: 1.2.3} (Berry) line.
     */
    private static void yarnLock(String text, Set<Package> out) {
        String name = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                name = null;
                if (line.endsWith(":") && !line.startsWith("__metadata")) {
                    String spec =
                            line.substring(0, line.length() - 1).split(",")[0].strip();
                    spec = unquote(spec);
                    int at = spec.indexOf('@', 1);
                    boolean registry = at > 0
                            && !spec.contains("@workspace:")
                            && !spec.contains("@link:")
                            && !spec.contains("@portal:")
                            && !spec.contains("@patch:")
                            && !spec.contains("@file:");
                    name = registry ? realName(spec.substring(0, at), spec.substring(at + 1)) : null;
                }
                continue;
            }
            String t = line.strip();
            if (name != null && (t.startsWith("version ") || t.startsWith("version:"))) {
                String v = unquote(t.substring("version".length() + 1).strip());
                add(out, name, v, MissingNode.getInstance());
                name = null;
            }
        }
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
        boolean v5 = lockVersion(lock.path("lockfileVersion")) < 6;
        for (Map.Entry<String, JsonNode> e : lock.path("packages").properties()) {
            if (e.getValue().path("dev").asBoolean(false)) {
                continue;
            }
            String key = e.getKey().startsWith("/") ? e.getKey().substring(1) : e.getKey();
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
        if (out.size() >= MAX_PACKAGES || name == null || version == null || name.isBlank()) {
            return;
        }
        // a version that is a URL, a path or a git reference names no registry release
        if (version.isBlank() || version.contains(":") || version.contains("/") || version.contains(" ")) {
            return;
        }
        out.add(NpmCataloger.npmPackage(name, version, license));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
