package dev.vouch.sbom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One package found in an image.
 *
 * @param type the package kind (its purl type)
 * @param name the package name as its package manager knows it
 * @param version the installed version, as the package manager writes it (epoch and revision included)
 * @param purl the package URL (<a href="https://github.com/package-url/purl-spec">purl-spec</a>)
 * @param licenses declared licenses, as written (SPDX ids where the package gives them)
 * @param sourceName the source package it was built from (Debian: {@code Source:}; Alpine: {@code o:} origin);
 *     advisories for distribution packages are keyed by it. Equal to the name when the package names none.
 * @param sourceVersion the source package's version (Debian's {@code Source: name (version)}), else the version
 * @param arch the architecture the package was built for, when known
 * @param locations where it was found and which layer introduced it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Package(
        PackageType type,
        String name,
        String version,
        String purl,
        List<String> licenses,
        String sourceName,
        String sourceVersion,
        String arch,
        List<PackageLocation> locations) {
    public Package {
        licenses = List.copyOf(licenses);
        locations = List.copyOf(locations);
    }

    /** The layer that introduced the package: the lowest of its locations' layers. */
    public int layer() {
        return locations.stream().mapToInt(PackageLocation::layer).min().orElse(-1);
    }
}
