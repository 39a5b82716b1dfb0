package dev.vouch.sbom;

import java.util.List;
import java.util.Map;

/** Packages of a language ecosystem: no source package, no architecture, located by the catalog. */
final class Packages {
    private Packages() {}

    /**
     * A package named {@code namespace/name} (or {@code name}) with its purl; null when the version is empty, since
     * an ecosystem package without a version cannot be matched or pinned.
     */
    static Package of(
            PackageType type,
            String namespace,
            String name,
            String version,
            List<String> licenses,
            Map<String, String> qualifiers) {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            return null;
        }
        return new Package(
                type,
                namespace == null ? name : namespace + "/" + name,
                version,
                Purls.of(type, namespace, name, version, qualifiers),
                licenses.stream().filter(l -> l != null && !l.isBlank()).toList(),
                null,
                null,
                null,
                List.of());
    }
}
