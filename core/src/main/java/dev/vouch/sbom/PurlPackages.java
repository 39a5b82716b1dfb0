package dev.vouch.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.List;
import java.util.Map;

/**
 * Packages read back from an SBOM (CycloneDX or SPDX, vouch's or another tool's) by their <a
 * href="https://github.com/package-url/purl-spec">purl</a>: type, name, version, Debian's {@code upstream} qualifier
 * as the source package, the distribution from the {@code distro} qualifier. Go module paths are case-sensitive (OSV
 * keys records by them) but golang purls are lower-cased: the package's own name, which SBOM tools write as the module
 * path, is kept when it is the purl's path in another case.
 */
final class PurlPackages {
    private PurlPackages() {}

    /**
     * The package a purl names, or null when it cannot be matched (no version, a type vouch does not match, a purl
     * the spec does not allow).
     *
     * @param declaredName the name the SBOM gives the package (with its group), or null
     */
    static Package of(String purlText, String declaredName, int layer, String path) {
        PackageURL purl;
        try {
            purl = new PackageURL(purlText);
        } catch (MalformedPackageURLException e) {
            return null;
        }
        PackageType type = typeOf(purl.getType());
        if (type == null || purl.getVersion() == null) {
            return null;
        }
        Map<String, String> q = purl.getQualifiers() == null ? Map.of() : purl.getQualifiers();
        String path2 = purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + "/" + purl.getName();
        String name = switch (type) {
            case MAVEN -> purl.getNamespace() == null ? purl.getName() : purl.getNamespace() + ":" + purl.getName();
            case NPM -> path2;
            case GOLANG -> declaredName != null && declaredName.equalsIgnoreCase(path2) ? declaredName : path2;
            default -> purl.getName();
        };
        String sourceName = name;
        String sourceVersion = purl.getVersion();
        String upstream = q.get("upstream");
        if (upstream != null) {
            int at = upstream.indexOf('@');
            sourceName = at < 0 ? upstream : upstream.substring(0, at);
            sourceVersion = at < 0 ? purl.getVersion() : upstream.substring(at + 1);
        }
        boolean distroPackage = type == PackageType.DEB || type == PackageType.APK;
        return new Package(
                type,
                name,
                purl.getVersion(),
                purlText,
                List.of(),
                distroPackage ? sourceName : null,
                distroPackage ? sourceVersion : null,
                q.get("arch"),
                List.of(new PackageLocation(path, layer)));
    }

    /** The distribution a purl's {@code distro} qualifier names ({@code debian-12}), or null. */
    static Distro distro(String purlText, String source) {
        try {
            PackageURL purl = new PackageURL(purlText);
            String d =
                    purl.getQualifiers() == null ? null : purl.getQualifiers().get("distro");
            if (d == null) {
                return null;
            }
            int dash = d.indexOf('-');
            return new Distro(
                    dash < 0 ? d : d.substring(0, dash), dash < 0 ? null : d.substring(dash + 1), null, null, source);
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }

    private static PackageType typeOf(String purlType) {
        for (PackageType t : PackageType.values()) {
            if (t.purlType().equals(purlType)) {
                return t;
            }
        }
        return null;
    }
}
