package dev.vouch.sbom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * @param properties facts about how it was named, sorted by key: {@code alias} (the name a lock file installs it
 *     under), {@code confidence} ({@code high}, {@code medium}, {@code low}: how its Maven coordinates were derived),
 *     {@code evidence} (what in the files gave a runtime's version), {@code declaredBy} (the image's own SBOM),
 *     {@code cpe} (the CPE 2.3 name NVD records are matched against)
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
        List<PackageLocation> locations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> properties) {
    public Package {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        locations = locations == null ? List.of() : List.copyOf(locations);
        // absent in JSON when empty (written NON_EMPTY)
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties == null ? Map.of() : properties));
    }

    /** A package with no properties. */
    public Package(
            PackageType type,
            String name,
            String version,
            String purl,
            List<String> licenses,
            String sourceName,
            String sourceVersion,
            String arch,
            List<PackageLocation> locations) {
        this(type, name, version, purl, licenses, sourceName, sourceVersion, arch, locations, Map.of());
    }

    /** This package found at other locations. */
    public Package at(List<PackageLocation> where) {
        return new Package(type, name, version, purl, licenses, sourceName, sourceVersion, arch, where, properties);
    }

    /** This package with one more property (replacing one of the same key). */
    public Package with(String key, String value) {
        Map<String, String> p = new TreeMap<>(properties);
        p.put(key, value);
        return new Package(type, name, version, purl, licenses, sourceName, sourceVersion, arch, locations, p);
    }

    /** The layer that introduced the package: the lowest of its locations' layers. */
    public int layer() {
        return locations.stream().mapToInt(PackageLocation::layer).min().orElse(-1);
    }
}
