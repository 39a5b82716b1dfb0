package dev.vouch.sbom;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Java archives (jar, war, ear, and Jenkins' jpi/hpi), read as a stream: every
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} is a package (a fat jar holds many), nested archives are
 * read the same way (to depth 3), and an archive without pom.properties is named from its MANIFEST
 * ({@code Bundle-SymbolicName}/{@code Implementation-Title}, their versions) or its file name. Entry counts and the
 * bytes read per metadata file are bounded.
 */
public final class JavaArchiveCataloger implements FileCataloger {
    static final long MAX_ARCHIVE = 1L << 30;
    private static final int MAX_DEPTH = 3;
    private static final int MAX_ENTRIES = 200_000;
    private static final int MAX_METADATA = 1 << 20;
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final Pattern FILE_VERSION = Pattern.compile("(.+?)-(\\d[\\w.+-]*)");

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
        List<Package> own = new ArrayList<>();
        int entries = 0;
        try (zip) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    break;
                }
                String name = e.getName();
                if (name.equals("META-INF/MANIFEST.MF")) {
                    manifest = new Manifest(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
                } else if (POM_PROPERTIES.matcher(name).matches()) {
                    Properties p = new Properties();
                    p.load(new ByteArrayInputStream(zip.readNBytes(MAX_METADATA)));
                    Package pkg = maven(
                            p.getProperty("groupId"), p.getProperty("artifactId"), p.getProperty("version"), inner);
                    if (pkg != null) {
                        own.add(pkg);
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
            throw new java.util.zip.ZipException("no zip entries"); // the catalog notes the file as unreadable
        }
        if (own.isEmpty()) {
            Package fromManifest = fromManifest(path, inner, manifest);
            if (fromManifest != null) {
                own.add(fromManifest);
            }
        } else if (manifest != null) {
            String license = manifest.getMainAttributes().getValue("Bundle-License");
            if (license != null && own.size() == 1) {
                Package p = own.get(0);
                own.set(0, withLicense(p, license));
            }
        }
        out.addAll(own);
    }

    private static Package maven(String group, String artifact, String version, String inner) {
        if (artifact == null || version == null || artifact.isBlank() || version.isBlank()) {
            return null;
        }
        String purl = group == null ? null : Purls.of(PackageType.MAVEN, group, artifact, version, Map.of());
        String name = group == null ? artifact : group + ":" + artifact;
        return new Package(
                PackageType.MAVEN,
                name,
                version,
                purl,
                List.of(),
                null,
                null,
                null,
                inner.isEmpty() ? List.of() : List.of(new PackageLocation(inner, -1)));
    }

    private static Package fromManifest(String path, String inner, Manifest m) {
        String file = (inner.isEmpty() ? path : inner).substring((inner.isEmpty() ? path : inner).lastIndexOf('/') + 1);
        file = file.startsWith("!") ? file.substring(1) : file;
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        Map<String, String> a = new HashMap<>();
        if (m != null) {
            m.getMainAttributes().forEach((k, v) -> a.put(k.toString(), v.toString()));
        }
        String title = first(a.get("Bundle-SymbolicName"), a.get("Implementation-Title"), a.get("Specification-Title"));
        if (title != null && title.contains(";")) {
            title = title.substring(0, title.indexOf(';')).strip(); // Bundle-SymbolicName: x;singleton:=true
        }
        String version =
                first(a.get("Bundle-Version"), a.get("Implementation-Version"), a.get("Specification-Version"));
        Matcher fm = FILE_VERSION.matcher(base);
        if (title == null) {
            title = fm.matches() ? fm.group(1) : base;
        }
        if (version == null && fm.matches()) {
            version = fm.group(2);
        }
        if (version == null) {
            return null;
        }
        String license = a.get("Bundle-License");
        return new Package(
                PackageType.MAVEN,
                title,
                version,
                null, // no group id: a Maven purl without a namespace would name the wrong artifact
                license == null ? List.of() : List.of(license),
                null,
                null,
                null,
                inner.isEmpty() ? List.of() : List.of(new PackageLocation(inner, -1)));
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
                p.locations());
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
