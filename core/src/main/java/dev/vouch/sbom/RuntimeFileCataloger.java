package dev.vouch.sbom;

import dev.vouch.io.BoundedReads;
import dev.vouch.layer.LayerEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runtimes whose installation states its version in a text file of its own: a JDK or JRE's {@code release} file
 * ({@code JAVA_VERSION="17.0.9"}; 8 is {@code 1.8.0_392}, update 392 in CPE terms), the Go toolchain's {@code
 * VERSION} ({@code go1.21.5}) and Apache Tomcat's {@code RELEASE-NOTES} ({@code Apache Tomcat Version 10.1.16}).
 * Each becomes a generic package with its NVD CPE names ({@link RuntimeSignature#runtime}).
 */
public final class RuntimeFileCataloger implements FileCataloger {
    private static final int MAX = 256 << 10;
    private static final Pattern JAVA = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+(?:\\.\\d+)*)(?:_(\\d+))?\"?\\s*$");
    private static final Pattern IMPLEMENTOR = Pattern.compile("(?m)^IMPLEMENTOR=\"?([^\"\\n]*)\"?\\s*$");
    private static final Pattern GO = Pattern.compile("\\Ago(\\d+\\.\\d+(?:\\.\\d+)?)(?:\\s|\\z)");
    private static final Pattern TOMCAT = Pattern.compile("Apache Tomcat Version (\\d+\\.\\d+\\.\\d+)");

    @Override
    public boolean wants(LayerEntry entry) {
        String path = entry.path();
        String file = path.substring(path.lastIndexOf('/') + 1);
        return entry.size() <= MAX
                && (file.equals("release") || file.equals("RELEASE-NOTES") || file.equals("VERSION") && goRoot(path));
    }

    /** {@code usr/local/go/VERSION}, {@code usr/lib/go-1.21/VERSION}: the root of a Go installation. */
    private static boolean goRoot(String path) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(path.lastIndexOf('/', slash - 1) + 1, Math.max(slash, 0));
        return dir.equals("go") || dir.startsWith("go-") || dir.startsWith("go1.");
    }

    @Override
    public Found read(String path, InputStream content) throws IOException {
        String text = new String(BoundedReads.readAll(content, MAX, path), StandardCharsets.UTF_8);
        String file = path.substring(path.lastIndexOf('/') + 1);
        Matcher m;
        if (file.equals("release") && (m = JAVA.matcher(text)).find()) {
            String version = m.group(2) == null ? m.group(1) : m.group(1) + "_" + m.group(2);
            String update = m.group(2) == null ? "*" : "update" + m.group(2);
            Matcher who = IMPLEMENTOR.matcher(text);
            String name = who.find() && who.group(1).startsWith("Oracle") ? "jdk" : "openjdk";
            // every OpenJDK build carries Oracle's code and its CVEs, which NVD lists under oracle:jdk, oracle:jre
            // and oracle:openjdk
            return found(RuntimeSignature.runtime(
                    name,
                    version,
                    m.group(1),
                    List.of("oracle:jdk", "oracle:jre", "oracle:openjdk"),
                    update,
                    "*",
                    "/" + path + " states JAVA_VERSION " + version));
        }
        if (file.equals("VERSION") && (m = GO.matcher(text)).find()) {
            return found(RuntimeSignature.runtime(
                    "go",
                    m.group(1),
                    m.group(1),
                    List.of("golang:go"),
                    "*",
                    "*",
                    "/" + path + " states go" + m.group(1)));
        }
        if (file.equals("RELEASE-NOTES") && (m = TOMCAT.matcher(text)).find()) {
            return found(RuntimeSignature.runtime(
                    "tomcat",
                    m.group(1),
                    m.group(1),
                    List.of("apache:tomcat"),
                    "*",
                    "*",
                    "/" + path + " states Apache Tomcat Version " + m.group(1)));
        }
        return Found.NOTHING;
    }

    private static Found found(Package p) {
        return Found.of(List.of(p));
    }
}
