package dev.vouch.sbom;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maven coordinates of a Java archive that carries no {@code pom.properties} or {@code pom.xml} (Gradle-built jars,
 * OSGi bundles, Jenkins plugins), derived from its <a
 * href="https://docs.oracle.com/en/java/javase/17/docs/specs/jar/jar.html#jar-manifest">MANIFEST</a> and its file
 * name, with how far they can be trusted:
 *
 * <ul>
 *   <li>{@code high}: a Jenkins plugin's {@code Group-Id}, {@code Short-Name} and {@code Plugin-Version};
 *   <li>{@code medium}: a group from the manifest ({@code Implementation-Vendor-Id}, or an OSGi {@code
 *       Bundle-SymbolicName} / {@code Automatic-Module-Name} that ends with the artifact's name) and a version two
 *       sources agree on (the file name and a manifest version);
 *   <li>{@code low}: anything less; without a group there is no purl, since a Maven purl without its namespace
 *       would name another artifact.
 * </ul>
 *
 * @param group the group id, or null when nothing names it
 * @param artifact the artifact id
 * @param version the version
 * @param confidence {@code high}, {@code medium} or {@code low}
 */
record JarCoordinates(String group, String artifact, String version, String confidence) {
    private static final Pattern FILE_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+-]*)");
    private static final Pattern GROUP = Pattern.compile("[a-z][\\w-]*(\\.[\\w-]+)+");

    /** The coordinates, or null when neither the manifest nor the file name gives a version. */
    static JarCoordinates derive(Map<String, String> manifest, String fileName) {
        String plugin = manifest.get("Short-Name");
        if (plugin != null && manifest.get("Plugin-Version") != null && manifest.get("Group-Id") != null) {
            return new JarCoordinates(
                    manifest.get("Group-Id"), plugin, firstWord(manifest.get("Plugin-Version")), "high");
        }
        String base = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        Matcher fm = FILE_VERSION.matcher(base);
        String fileArtifact = fm.matches() ? fm.group(1) : null;
        String fileVersion = fm.matches() ? fm.group(2) : null;
        String symbolic = stripDirectives(manifest.get("Bundle-SymbolicName"));
        List<String> manifestVersions =
                List.of("Implementation-Version", "Bundle-Version", "Specification-Version").stream()
                        .map(manifest::get)
                        .filter(v -> v != null && !v.isBlank())
                        .map(JarCoordinates::firstWord)
                        .toList();
        // a file named artifact-version.jar is what Maven and Gradle write; the manifest's version may add a
        // qualifier (3.17.0.v20210823-1805, 1.8.21-release-380) but agrees when it starts with the file's
        boolean agreed = fileVersion != null && manifestVersions.stream().anyMatch(v -> v.startsWith(fileVersion));
        String version =
                fileVersion != null ? fileVersion : manifestVersions.isEmpty() ? null : manifestVersions.get(0);
        if (version == null) {
            return null;
        }
        String artifact = fileArtifact != null
                ? fileArtifact
                : symbolic != null ? symbolic.substring(symbolic.lastIndexOf('.') + 1) : base;
        String group = group(manifest, symbolic, artifact);
        return new JarCoordinates(group, artifact, version, group != null && agreed ? "medium" : "low");
    }

    /**
     * The group, where the manifest gives it the way the build tools write it: {@code Implementation-Vendor-Id} (the
     * Maven jar plugin's groupId), or a {@code Bundle-SymbolicName} / {@code Automatic-Module-Name} made as the
     * bundle plugin makes it from the coordinates: {@code GROUP.ARTIFACT} for an artifact with a dash, or {@code
     * GROUP.REST} where the artifact is {@code LAST-REST} and the group ends with {@code LAST}
     * (org.apache.maven:maven-core is org.apache.maven.core).
     */
    private static String group(Map<String, String> manifest, String symbolic, String artifact) {
        String vendorId = manifest.get("Implementation-Vendor-Id");
        // Apache's pre-Maven-2 builds wrote the foundation's id, not the project's group
        if (vendorId != null
                && GROUP.matcher(vendorId.strip()).matches()
                && !vendorId.strip().equals("org.apache")) {
            return vendorId.strip();
        }
        String module = stripDirectives(manifest.get("Automatic-Module-Name"));
        for (String name : new String[] {symbolic, module}) {
            if (name == null) {
                continue;
            }
            name = name.replace('_', '-'); // zstd_jni in a module name is the artifact zstd-jni
            int dash = artifact.indexOf('-');
            if (dash > 0 && name.endsWith("." + artifact)) {
                String g = name.substring(0, name.length() - artifact.length() - 1);
                if (GROUP.matcher(g).matches()) {
                    return g;
                }
            }
            if (dash > 0) {
                String last = artifact.substring(0, dash);
                String rest = "." + artifact.substring(dash + 1).replace('-', '.');
                if (name.endsWith(rest)) {
                    String g = name.substring(0, name.length() - rest.length());
                    if (GROUP.matcher(g).matches() && g.endsWith("." + last)) {
                        return g;
                    }
                }
            }
        }
        return null;
    }

    /** {@code Bundle-SymbolicName: x.y;singleton:=true} names x.y. */
    private static String stripDirectives(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        int semi = v.indexOf(';');
        return (semi >= 0 ? v.substring(0, semi) : v).strip();
    }

    private static String firstWord(String v) {
        String s = v.strip();
        int space = s.indexOf(' ');
        return space > 0 ? s.substring(0, space) : s;
    }

    /** The package these coordinates name (no locations yet), with its confidence as a property. */
    Package toPackage(List<String> licenses) {
        String purl = group == null ? null : Purls.of(PackageType.MAVEN, group, artifact, version, Map.of());
        return new Package(
                        PackageType.MAVEN,
                        group == null ? artifact : group + ":" + artifact,
                        version,
                        purl,
                        licenses,
                        null,
                        null,
                        null,
                        List.of())
                .with("confidence", confidence);
    }
}
