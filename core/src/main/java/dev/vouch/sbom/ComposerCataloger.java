package dev.vouch.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vouch.io.BoundedReads;
import dev.vouch.io.Json;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PHP packages installed by Composer (<a href="https://getcomposer.org/doc/01-basic-usage.md">Composer docs</a>):
 * {@code vendor/composer/installed.json} (Composer 1: a list; Composer 2: {@code packages} with {@code
 * dev-package-names}) and a project's {@code composer.lock} ({@code packages}; {@code packages-dev} is what a
 * {@code --no-dev} install leaves out, and so is not listed).
 */
public final class ComposerCataloger implements FileCataloger {
    private static final int MAX = 16 << 20;

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        return entry.size() <= MAX
                && (path.endsWith("vendor/composer/installed.json")
                        || path.equals("composer.lock")
                        || path.endsWith("/composer.lock") && !path.contains("/vendor/"));
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        JsonNode doc = Json.tree(BoundedReads.readAll(content, MAX, path), path);
        JsonNode packages;
        Set<String> dev = new HashSet<>();
        if (path.endsWith("composer.lock")) {
            if (!doc.isObject()) {
                throw new IOException("its top level is not an object: not a composer.lock");
            }
            packages = doc.path("packages");
        } else if (doc.isArray()) {
            packages = doc; // Composer 1
        } else if (doc.isObject()) {
            packages = doc.path("packages");
            doc.path("dev-package-names").forEach(n -> dev.add(n.asText()));
        } else {
            throw new IOException("neither a list nor an object with packages: not an installed.json");
        }
        List<Package> out = new ArrayList<>();
        for (JsonNode p : packages) {
            String name = p.path("name").asText("");
            String version = p.path("version").asText("");
            int slash = name.indexOf('/');
            if (slash <= 0 || dev.contains(name)) {
                continue;
            }
            List<String> licenses = new ArrayList<>();
            p.path("license").forEach(l -> licenses.add(l.asText()));
            Package pkg = Packages.of(
                    PackageType.COMPOSER,
                    name.substring(0, slash),
                    name.substring(slash + 1),
                    version,
                    licenses,
                    Map.of());
            if (pkg != null) {
                out.add(pkg);
            }
        }
        return Found.of(out);
    }
}
