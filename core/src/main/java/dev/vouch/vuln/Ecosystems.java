package dev.vouch.vuln;

import dev.vouch.sbom.Distro;
import dev.vouch.sbom.Package;
import dev.vouch.sbom.PackageType;
import java.util.List;

/**
 * Which OSV ecosystem (<a href="https://ossf.github.io/osv-schema/#affectedpackage-field">ecosystem names</a>)
 * and release a package's advisories live in, which name they are keyed by and how versions are ordered there.
 */
final class Ecosystems {
    private Ecosystems() {}

    /**
     * Where to look: ecosystem, release ("" when the ecosystem has none), the name to look up, the version to
     * compare, the version scheme; null when vouch has no way to assess the package yet.
     */
    record Key(String ecosystem, String release, String name, String version, VersionScheme scheme) {
        String label() {
            return release.isEmpty() ? ecosystem : ecosystem + ":" + release;
        }
    }

    static Key of(Package p, Distro d) {
        if (p.type() == PackageType.DEB) {
            if (d == null || d.versionId() == null) {
                return null;
            }
            // Debian and Ubuntu advisories are keyed by source package and fixed in source versions
            return switch (d.id()) {
                case "debian" ->
                    new Key("Debian", majorOf(d.versionId()), p.sourceName(), p.sourceVersion(), VersionScheme.DPKG);
                case "ubuntu" ->
                    new Key("Ubuntu", d.versionId(), p.sourceName(), p.sourceVersion(), VersionScheme.DPKG);
                default -> null;
            };
        }
        switch (p.type()) {
            case MAVEN:
                // named from a MANIFEST alone, a jar has no group id: no Maven coordinates to look up
                return p.name().contains(":") ? new Key("Maven", "", p.name(), p.version(), VersionScheme.MAVEN) : null;
            case NPM:
                return new Key("npm", "", p.name(), p.version(), VersionScheme.NPM);
            case PYPI:
                return new Key("PyPI", "", pypiName(p.name()), p.version(), VersionScheme.PEP440);
            case GEM:
                return new Key("RubyGems", "", p.name(), p.version(), VersionScheme.GEM);
            case COMPOSER:
                return new Key("Packagist", "", p.name(), p.version(), VersionScheme.COMPOSER);
            case NUGET:
                return new Key("NuGet", "", p.name(), p.version(), VersionScheme.NUGET);
            case CARGO:
                return new Key("crates.io", "", p.name(), p.version(), VersionScheme.NPM); // both are SemVer 2
            case BINARY:
                // a runtime outside any package manager: NVD's CPE configurations are all there is to match
                List<dev.vouch.sbom.Cpe> cpes = cpes(p);
                return cpes.isEmpty()
                        ? null
                        : new Key(
                                NvdParser.ECOSYSTEM,
                                "",
                                product(cpes.get(0)),
                                cpes.get(0).get(dev.vouch.sbom.Cpe.VERSION),
                                VersionScheme.GENERIC);
            case GOLANG:
                if (p.version().startsWith("(")) {
                    return null; // (devel): a main module built from a checkout has no version
                }
                return new Key(
                        "Go",
                        "",
                        p.name(),
                        p.version().startsWith("v") ? p.version().substring(1) : p.version(),
                        VersionScheme.GO);
            default:
                break;
        }
        if (p.type() == PackageType.APK && d != null) {
            // Alpine's advisories are keyed by origin (source) package per release; Wolfi and Chainguard are
            // rolling distributions with one stream of advisories
            return switch (d.id()) {
                case "alpine" ->
                    d.versionId() == null
                            ? null
                            : new Key("Alpine", "v" + d.majorMinor(), p.sourceName(), p.version(), VersionScheme.APK);
                case "wolfi" -> new Key("Wolfi", "", p.sourceName(), p.version(), VersionScheme.APK);
                case "chainguard" -> new Key("Chainguard", "", p.sourceName(), p.version(), VersionScheme.APK);
                default -> null;
            };
        }
        if (p.type() == PackageType.RPM && d != null && d.versionId() != null) {
            // the RPM distributions OSV carries key their advisories by binary package and fix in
            // epoch:version-release, per major release (Red Hat per product stream: enterprise_linux:9::appstream)
            String major = majorOf(d.versionId());
            return switch (d.id()) {
                case "almalinux" -> new Key("AlmaLinux", major, p.name(), p.version(), VersionScheme.RPM);
                case "rocky" -> new Key("Rocky Linux", major, p.name(), p.version(), VersionScheme.RPM);
                case "rhel" ->
                    new Key("Red Hat", "enterprise_linux:" + major, p.name(), p.version(), VersionScheme.RPM);
                case "opensuse-leap" ->
                    new Key("openSUSE", "Leap " + d.versionId(), p.name(), p.version(), VersionScheme.RPM);
                case "mageia" -> new Key("Mageia", major, p.name(), p.version(), VersionScheme.RPM);
                default -> null;
            };
        }
        return null;
    }

    /** The CPE names a package carries (its {@code cpe} property: one or more, space-separated). */
    static List<dev.vouch.sbom.Cpe> cpes(Package p) {
        String all = p.properties().get("cpe");
        if (all == null || all.isBlank()) {
            return List.of();
        }
        List<dev.vouch.sbom.Cpe> out = new java.util.ArrayList<>();
        for (String s : all.strip().split(" +")) {
            dev.vouch.sbom.Cpe c = dev.vouch.sbom.Cpe.parse(s);
            if (c != null && c.get(dev.vouch.sbom.Cpe.PART).equals("a")) {
                out.add(c);
            }
        }
        return out;
    }

    /** The vendor:product NVD records are stored under. */
    static String product(dev.vouch.sbom.Cpe c) {
        return (c.get(dev.vouch.sbom.Cpe.VENDOR) + ":" + c.get(dev.vouch.sbom.Cpe.PRODUCT))
                .toLowerCase(java.util.Locale.ROOT);
    }

    /** A PyPI project name as PEP 503 normalizes it (lower case, runs of -_. as one -), which OSV keys by. */
    static String pypiName(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** Why a package has no key: said in the report instead of counting it clean. */
    static String whyNot(Package p, Distro d) {
        return switch (p.type()) {
            case MAVEN -> "Maven archives named from a MANIFEST only (no group id to look up)";
            case GOLANG -> "Go main modules built from a checkout ((devel): no version)";
            case BINARY -> "binaries without a CPE name (no runtime vouch recognizes)";
            case DEB, APK, RPM ->
                d == null
                        ? "the operating system is unknown"
                        : d.versionId() == null
                                ? "the " + d.id() + " release is not known (testing or rolling)"
                                : "no vulnerability matching for " + p.type().purlType() + " packages on "
                                        + d.purlQualifier() + " yet";
            default -> "no vulnerability matching for " + p.type().purlType() + " packages yet";
        };
    }

    private static String majorOf(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    /**
     * Whether an advisory's release names the image's release: exactly, or with a suffix, for Ubuntu a support
     * suffix ({@code 22.04:LTS}) and for Red Hat a product stream ({@code enterprise_linux:9::appstream}); Ubuntu
     * Pro (ESM) entries ({@code Pro:22.04:LTS}) do not apply to a plain Ubuntu image.
     */
    static boolean sameRelease(Key k, String release) {
        if (release.equals(k.release())) {
            return true;
        }
        return (k.ecosystem().equals("Ubuntu") || k.ecosystem().equals("Red Hat"))
                && release.startsWith(k.release() + ":");
    }
}
