package dev.vouch.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Package URLs (<a href="https://github.com/package-url/purl-spec">purl-spec</a>) built with packageurl-java. */
final class Purls {
    private Purls() {}

    /** A purl, or null when the parts cannot form one (a name with no characters, say). */
    static String of(PackageType type, String namespace, String name, String version, Map<String, String> qualifiers) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL()
                    .withType(type.purlType())
                    .withNamespace(namespace)
                    .withName(name)
                    .withVersion(version);
            for (var q : new TreeMap<>(qualifiers).entrySet()) {
                if (q.getValue() != null && !q.getValue().isEmpty()) {
                    b.withQualifier(q.getKey(), q.getValue());
                }
            }
            return b.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
