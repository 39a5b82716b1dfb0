package dev.vouch.sbom;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLStreamException;

/**
 * Java archives (jar, war, ear, and Jenkins' jpi/hpi), read as a stream: every
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} is a package (a fat jar holds many), else the embedded
 * {@code pom.xml} beside it; nested archives ({@code WEB-INF/lib}, {@code BOOT-INF/lib}) are read the same way (to
 * depth 3); an archive with neither is named from its MANIFEST and file name ({@link JarCoordinates}, with a
 * confidence). Entry counts and the bytes read per metadata file are bounded.
 */
public final class JavaArchiveCataloger implements FileCataloger {
    static final long MAX_ARCHIVE = 1L << 30;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_ENTRIES = 200_000;
    private static final int MAX_METADATA = 1 << 20;
    /** Maven's own metadata, only at the archive's top: the same files elsewhere (WEB-INF/classes) are not its. */
    /** Tomcat's catalina.jar states the server's version here ({@code server.info=Apache Tomcat/10.1.16}). */
    private static final String TOMCAT_SERVER_INFO = "org/apache/catalina/util/ServerInfo.properties";

    private static final Pattern TOMCAT = Pattern.compile("Apache Tomcat/(\\d+\\.\\d+\\.\\d+)");
    private static final Pattern POM_FILE = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.(properties|xml)");

    @Override
    public boolean wants(dev.vouch.layer.LayerEntry entry) {
        String path = entry.path();
        long size = entry.size();
        return size <= MAX_ARCHIVE && archive(path);
    }

    private static boolean archive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jar")
                || n.endsWith(".war")
                || n.endsWith(".ear")
                || n.endsWith(".jpi")
                || n.endsWith(".hpi");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        List<Package> out = new ArrayList<>();
        readArchive(path, "", content, 0, out);
        return Found.of(out);
    }

    private void readArchive(String path, String inner, InputStream in, int depth, List<Package> out)
            throws IOException {
        ZipInputStream zip = new ZipInputStream(new FilterInputStream(in) {
            @Override
            public void close() {
                // the caller's stream stays open
            }
        });
        Manifest manifest = null;
        Map<String, Package> fromProperties = new LinkedHashMap<>();
        Map<String, Package> fromPomXml = new LinkedHashMap<>();
        int entries = 0;
        try (zip) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    break;
                }
                String name = e.getName();
                Matcher pom = POM_FILE.matcher(name);
                if (name.equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
                } else if (pom.matches() && pom.group(3).equals("properties")) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
                    Package pkg =
                            maven(p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version"));
                    if (pkg != null) {
                        fromProperties.put(pom.group(1) + "/" + pom.group(2), pkg);
                    }
                } else if (pom.matches()) {
                    try {
                        PomXml x = PomXml.parse(zip.readNBytes(MAX_METADATA));
                        Package pkg = x.complete() ? maven(x.groupId(), x.artifactId(), x.version()) : null;
                        if (pkg != null) {
                            fromPomXml.put(pom.group(1) + "/" + pom.group(2), pkg);
                        }
                    } catch (XMLStreamException broken) {
                        // a pom.xml that does not parse names nothing; pom.properties or the manifest may
                    }
                } else if (name.equals(TOMCAT_SERVER_INFO)) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
                    Matcher v = TOMCAT.matcher(p.getProperty("server.info", ""));
                    if (v.matches()) {
                        out.add(RuntimeSignature.runtime(
                                "tomcat",
                                v.group(1),
                                v.group(1),
                                List.of("apache:tomcat"),
                                "*",
                                "*",
                                "/" + path + inner + "!" + name + " states Apache Tomcat/" + v.group(1)));
                    }
                } else if (depth < MAX_DEPTH && !e.isDirectory() && archive(name)) {
                    try {
                        readArchive(path, inner + "!" + name, zip, depth + 1, out);
                    } catch (java.util.zip.ZipException broken) {
                        // a broken nested archive is skipped; the archive around it is still read
                    }
                }
            }
        }
        if (entries == 0) {
            throw new java.util.zip.ZipException("not a zip archive, or one with no entries");
        }
        fromPomXml.forEach(fromProperties::putIfAbsent); // pom.properties is what the build wrote; it wins
        List<Package> own = new ArrayList<>(fromProperties.values());
        Map<String, String> attributes = new HashMap<>();
        if (manifest != null) {
            manifest.getMainAttributes().forEach((k, v) -> attributes.put(k.toString(), v.toString()));
        }
        String license = attributes.get("Bundle-License");
        if (own.isEmpty()) {
            String at = inner.isEmpty() ? path : inner;
            JarCoordinates c = JarCoordinates.derive(
                    attributes, at.substring(at.lastIndexOf('/') + 1).replace("!", ""));
            if (c != null) {
                own.add(c.toPackage(license == null ? List.of() : List.of(license)));
            }
        } else if (license != null && own.size() == 1) {
            own.set(0, withLicense(own.get(0), license));
        }
        for (Package p : own) {
            out.add(inner.isEmpty() ? p : p.at(List.of(new PackageLocation(inner, -1))));
        }
    }

    private static Package maven(String group, String artifact, String version) {
        if (artifact == null || version == null || artifact.isBlank() || version.isBlank()) {
            return null;
        }
        if (group == null || group.isBlank()) {
            return new JarCoordinates(null, artifact.strip(), version.strip(), "low").toPackage(List.of());
        }
        return new JarCoordinates(group.strip(), artifact.strip(), version.strip(), "high").toPackage(List.of());
    }

    private static Package withLicense(Package p, String license) {
        return new Package(
                p.type(),
                p.name(),
                p.version(),
                p.purl(),
                List.of(license),
                p.sourceName(),
                p.sourceVersion(),
                p.arch(),
                p.locations(),
                p.properties());
    }
}
