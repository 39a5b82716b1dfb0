package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Java archives without pom.properties get Maven coordinates from an embedded pom.xml, else from their MANIFEST and
 * file name with a confidence; Jenkins plugins from their own manifest fields; a war's WEB-INF/lib jars are read and
 * Maven files outside the archive's own META-INF are not its metadata.
 */
class JavaArchivesTest {
    static byte[] zip(Map<String, String> entries) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        entries.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(bytes);
    }

    static byte[] zipBytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
            }
        }
        return out.toByteArray();
    }

    static String manifest(String... lines) {
        return "Manifest-Version: 1.0\r\n" + String.join("\r\n", lines) + "\r\n\r\n";
    }

    /** Each package as purl (or name@version when there is none), confidence and inner location. */
    static List<String> read(String file, byte[] archive) throws IOException {
        return new JavaArchiveCataloger()
                .read(file, new ByteArrayInputStream(archive)).packages().stream()
                        .map(p -> (p.purl() != null ? p.purl() : p.name() + "@" + p.version()) + " "
                                + p.properties().get("confidence")
                                + (p.locations().isEmpty()
                                        ? ""
                                        : " " + p.locations().get(0).path()))
                        .toList();
    }

    @Test
    void aGradleJarIsNamedFromItsModuleNameAndFileName() throws Exception {
        byte[] jar = zip(Map.of(
                "META-INF/MANIFEST.MF",
                manifest("Implementation-Version: 1.4.2", "Automatic-Module-Name: com.example.widgets.core"),
                "com/example/widgets/core/A.class",
                "x"));
        assertThat(read("opt/app/lib/widgets-core-1.4.2.jar", jar))
                .containsExactly("pkg:maven/com.example.widgets/widgets-core@1.4.2 medium");
        // renamed: the module name no longer ends with the artifact's name, so no group and no purl
        assertThat(read("opt/app/app.jar", jar)).containsExactly("app@1.4.2 low");
    }

    @Test
    void anOsgiBundleIsNamedFromItsSymbolicName() throws Exception {
        byte[] jar = zip(Map.of(
                "META-INF/MANIFEST.MF",
                manifest(
                        "Bundle-SymbolicName: com.fasterxml.jackson.core.jackson-databind;singleton:=true",
                        "Bundle-Version: 2.15.2",
                        "Bundle-License: https://www.apache.org/licenses/LICENSE-2.0.txt")));
        assertThat(read("jackson-databind-2.15.2.jar", jar))
                .containsExactly("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2 medium");
        // versions disagree (the file says 2.15.3): the file's wins, but the confidence is low
        assertThat(read("jackson-databind-2.15.3.jar", jar))
                .containsExactly("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3 low");
    }

    @Test
    void anEmbeddedPomXmlNamesTheArchiveWithItsParentsGroup() throws Exception {
        byte[] jar = zip(Map.of("META-INF/maven/org.example/lib/pom.xml", """
                <?xml version="1.0"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>3.1</version></parent>
                  <artifactId>lib</artifactId>
                  <dependencies><dependency><groupId>x</groupId><artifactId>y</artifactId><version>9</version>
                  </dependency></dependencies>
                </project>
                """));
        assertThat(read("lib.jar", jar)).containsExactly("pkg:maven/org.example/lib@3.1 high");
    }

    @Test
    void aPomXmlWithAnEntityIsNotExpanded() throws Exception {
        byte[] jar = zip(Map.of("META-INF/maven/g/a/pom.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE project [<!ENTITY x SYSTEM "file:///etc/hostname">]>
                <project><groupId>g</groupId><artifactId>a</artifactId><version>&x;</version></project>
                """));
        assertThat(read("a-1.0.jar", jar)).containsExactly("a@1.0 low");
    }

    @Test
    void aJenkinsPluginIsNamedFromItsManifest() throws Exception {
        byte[] hpi = zip(Map.of(
                "META-INF/MANIFEST.MF",
                manifest(
                        "Group-Id: org.jenkins-ci.plugins",
                        "Short-Name: git",
                        "Extension-Name: git",
                        "Plugin-Version: 5.2.1")));
        assertThat(read("var/jenkins_home/plugins/git.jpi", hpi))
                .containsExactly("pkg:maven/org.jenkins-ci.plugins/git@5.2.1 high");
    }

    @Test
    void aWarsLibrariesAreReadAndItsClassesMetadataIsNotItsOwn() throws Exception {
        byte[] lib = zip(Map.of(
                "META-INF/maven/org.slf4j/slf4j-api/pom.properties",
                "groupId=org.slf4j\nartifactId=slf4j-api\nversion=2.0.9\n"));
        byte[] war = zipBytes(Map.of(
                "WEB-INF/lib/slf4j-api-2.0.9.jar",
                lib,
                "WEB-INF/classes/META-INF/maven/evil/evil/pom.properties",
                "groupId=evil\nartifactId=evil\nversion=6.6.6\n".getBytes(StandardCharsets.UTF_8),
                "WEB-INF/classes/META-INF/MANIFEST.MF",
                manifest("Implementation-Version: 6.6.6").getBytes(StandardCharsets.UTF_8)));
        assertThat(read("usr/local/tomcat/webapps/shop.war", war))
                .containsExactly("pkg:maven/org.slf4j/slf4j-api@2.0.9 high !WEB-INF/lib/slf4j-api-2.0.9.jar");
    }

    @Test
    void anEmptyArchiveSaysSo() {
        assertThatThrownBy(() -> read("empty.jar", zipBytes(Map.of())))
                .isInstanceOf(ZipException.class)
                .hasMessage("not a zip archive, or one with no entries");
    }
}
