package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * npm packages: each {@code node_modules/NAME/package.json} and {@code node_modules/@SCOPE/NAME/package.json}
 * (nested node_modules included) with its name, version and declared license.
 */
public final class NpmCataloger implements FileCataloger {
    private static final Pattern PACKAGE_JSON =
            Pattern.compile("(.*/)?node_modules/(@[^/]+/)?[^/@][^/]*/package\\.json");
    private static final int MAX = 1 << 20;

    @Override
    public boolean wants(dev.vouch.layer.LayerEntry entry) {
        String path = entry.path();
        long size = entry.size();
        return size <= MAX
                && path.endsWith("/package.json")
                && PACKAGE_JSON.matcher(path).matches();
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode j = Json.tree(BoundedReads.readAll(content, MAX, path), path);
        String name = j.path("name").asText(null);
        String version = j.path("version").asText(null);
        if (name == null || version == null || name.isBlank() || version.isBlank()) {
            return Found.NOTHING;
        }
        return Found.of(List.of(npmPackage(name, version, j.path("license"))));
    }

    /** An npm package with its purl ({@code @scope} as namespace) and its license as package.json declares it. */
    static Package npmPackage(String name, String version, JsonNode license) {
        String namespace = null;
        String bare = name;
        if (name.startsWith("@") && name.indexOf('/') > 0) {
            namespace = name.substring(0, name.indexOf('/'));
            bare = name.substring(name.indexOf('/') + 1);
        }
        String lic =
                license.isTextual() ? license.asText() : license.path("type").asText(null);
        return new Package(
                PackageType.NPM,
                name,
                version,
                Purls.of(PackageType.NPM, namespace, bare, version, Map.of()),
                lic == null || lic.isBlank() ? List.of() : List.of(lic),
                null,
                null,
                null,
                List.of());
    }
}
