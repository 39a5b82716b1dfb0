package dev.vouch.sbom;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a runtime or server installed outside any package manager shows its version in its own files: which files to
 * look in (by name; the name alone is never the evidence) and what in their bytes states the version. A version is
 * only taken from the content; where the file name carries one (python3.12, libpython3.12.so), the content's must
 * agree with it. Each runtime is named by its NVD CPE vendor and product (the <a
 * href="https://nvd.nist.gov/products/cpe">CPE dictionary</a>'s spelling), which is how its CVEs are matched.
 *
 * @param name the package name vouch gives it ({@code pkg:generic/NAME@VERSION})
 * @param vendor the CPE vendor
 * @param product the CPE product
 * @param files the file names (base names) whose content is searched
 * @param content what states the version, in group 1
 * @param literal text every match of {@code content} contains, searched for first (a regular expression over every
 *     byte of a large binary is the slow part); {@code {v}} stands for the version the file name carries, or null
 * @param marker text the file must also hold for a bare version string to count (Redis, HAProxy and MySQL print
 *     their version through a format, so the version stands alone beside it), or null
 * @param edition the CPE sw_edition this build is (nginx is open_source unless its version says plus), or "*"
 */
record RuntimeSignature(
        String name,
        String vendor,
        String product,
        Pattern files,
        Pattern content,
        String literal,
        String marker,
        String edition) {
    /** What each runtime's version string always contains; the bare-version ones (Redis, MySQL, HAProxy) have none. */
    private static final Map<String, String> LITERALS = Map.ofEntries(
            Map.entry("python", "\u0000{v}."),
            Map.entry("node", "node.js/v"),
            Map.entry("php", "X-Powered-By: PHP/"),
            Map.entry("ruby", "ruby "),
            Map.entry("perl", "\u0000v5."),
            Map.entry("nginx", "nginx/"),
            Map.entry("httpd", "Apache/"),
            Map.entry("postgresql", "(PostgreSQL) "),
            Map.entry("mariadb", "-MariaDB"),
            Map.entry("openssl", "OpenSSL "),
            Map.entry("busybox", "BusyBox v"),
            Map.entry("curl", "libcurl/"),
            Map.entry("memcached", "memcached "));

    static final List<RuntimeSignature> BINARIES = List.of(
            // CPython: the interpreter (static, or beside libpython) holds its version as a string of its own
            of(
                    "python",
                    "python",
                    "python",
                    "python(\\d\\.\\d+)|libpython(\\d\\.\\d+)\\.so.*",
                    "\\x00(\\d\\.\\d+\\.\\d+)(?:[abc]|rc)?\\d*\\x00"),
            of("node", "nodejs", "node.js", "node|libnode\\.so.*", "node\\.js/v(\\d+\\.\\d+\\.\\d+)"),
            of(
                    "php",
                    "php",
                    "php",
                    "php(\\d(?:\\.\\d+)?)?|php-fpm(\\d(?:\\.\\d+)?)?|libphp.*\\.so",
                    "X-Powered-By: PHP/(\\d+\\.\\d+\\.\\d+)"),
            of("ruby", "ruby-lang", "ruby", "ruby|libruby.*\\.so.*", "ruby (\\d+\\.\\d+\\.\\d+)(?:p\\d+)? \\("),
            of("perl", "perl", "perl", "perl(5[.\\d]*)?|libperl\\.so.*", "\\x00v(5\\.\\d+\\.\\d+)\\x00"),
            of("nginx", "f5", "nginx", "nginx", "nginx/(\\d+\\.\\d+\\.\\d+)"),
            of("httpd", "apache", "http_server", "httpd|apache2", "Apache/(\\d+\\.\\d+\\.\\d+)"),
            of(
                    "redis",
                    "redis",
                    "redis",
                    "redis-server|redis-check-rdb|redis-check-aof",
                    "\\x00(\\d+\\.\\d+\\.\\d+)\\x00",
                    "Redis server v=%s"),
            of("postgresql", "postgresql", "postgresql", "postgres", "\\(PostgreSQL\\) (\\d+(?:\\.\\d+)+)"),
            of("mariadb", "mariadb", "mariadb", "mariadbd|mysqld", "\\x00(\\d+\\.\\d+\\.\\d+)-MariaDB"),
            of("mysql", "oracle", "mysql", "mysqld", "\\x00(\\d+\\.\\d+\\.\\d+)\\x00", "MySQL Community Server"),
            of(
                    "openssl",
                    "openssl",
                    "openssl",
                    "openssl|libssl\\.so.*|libcrypto\\.so.*",
                    "OpenSSL (\\d+\\.\\d+\\.\\d+[a-z]{0,2}) +\\d+ [A-Z][a-z]{2} \\d{4}"),
            of("busybox", "busybox", "busybox", "busybox", "BusyBox v(\\d+\\.\\d+\\.\\d+)"),
            of("curl", "haxx", "curl", "curl|libcurl\\.so.*", "libcurl/(\\d+\\.\\d+\\.\\d+)"),
            of(
                    "haproxy",
                    "haproxy",
                    "haproxy",
                    "haproxy",
                    "\\x00(\\d+\\.\\d+\\.\\d+)[-+\\w.]*\\x00",
                    "HAProxy version %s"),
            of("memcached", "memcached", "memcached", "memcached", "memcached (\\d+\\.\\d+\\.\\d+)"));

    private static RuntimeSignature of(String name, String vendor, String product, String files, String content) {
        return of(name, vendor, product, files, content, null);
    }

    private static RuntimeSignature of(
            String name, String vendor, String product, String files, String content, String marker) {
        return new RuntimeSignature(
                name,
                vendor,
                product,
                Pattern.compile(files),
                Pattern.compile(content),
                LITERALS.get(name),
                marker,
                name.equals("nginx") ? "open_source" : "*");
    }

    /** The names a distribution packages each runtime under (prefixes): busybox is Debian's busybox-static too. */
    private static final Map<String, List<String>> PACKAGED_AS = Map.ofEntries(
            Map.entry("python", List.of("python", "libpython")),
            Map.entry("node", List.of("nodejs", "libnode")),
            Map.entry("openjdk", List.of("openjdk", "java-", "temurin", "jdk", "jre")),
            Map.entry("jdk", List.of("jdk", "java-", "openjdk")),
            Map.entry("go", List.of("golang", "go")),
            Map.entry("php", List.of("php", "libphp")),
            Map.entry("ruby", List.of("ruby", "libruby")),
            Map.entry("perl", List.of("perl", "libperl")),
            Map.entry("nginx", List.of("nginx")),
            Map.entry("httpd", List.of("apache2", "httpd")),
            Map.entry("redis", List.of("redis")),
            Map.entry("postgresql", List.of("postgresql", "libpq")),
            Map.entry("mariadb", List.of("mariadb", "libmariadb")),
            Map.entry("mysql", List.of("mysql")),
            Map.entry("openssl", List.of("openssl", "libssl", "libcrypto")),
            Map.entry("busybox", List.of("busybox")),
            Map.entry("curl", List.of("curl", "libcurl")),
            Map.entry("tomcat", List.of("tomcat")),
            Map.entry("haproxy", List.of("haproxy")),
            Map.entry("memcached", List.of("memcached")));

    /**
     * Whether a distribution's package is this runtime at this version: its name (or source name) starts with one
     * the runtime is packaged under, and its upstream version (epoch and revision left out) starts with the
     * runtime's. Debian's busybox-static 1:1.35.0-4 is BusyBox 1.35.0; python3.11 3.11.2-6 is not a CPython 3.12.1
     * built from source beside it.
     */
    static boolean packages(Package os, Package runtime) {
        List<String> names = PACKAGED_AS.getOrDefault(runtime.name(), List.of(runtime.name()));
        boolean named = names.stream()
                .anyMatch(n -> os.name().startsWith(n)
                        || os.sourceName() != null && os.sourceName().startsWith(n));
        if (!named) {
            return false;
        }
        String v = os.version();
        v = v.contains(":") ? v.substring(v.indexOf(':') + 1) : v;
        v = v.contains("-") ? v.substring(0, v.lastIndexOf('-')) : v;
        String r = runtime.version().replace('_', '.');
        return v.equals(r)
                || v.startsWith(r + ".")
                || v.startsWith(r + "+")
                || v.startsWith(r + "~")
                || r.startsWith(v + ".");
    }

    /** The literal for a file of this name ({@code {v}} filled from it), or null when there is none to use. */
    String literalFor(String baseName) {
        if (literal == null || !literal.contains("{v}")) {
            return literal;
        }
        Matcher f = files.matcher(baseName);
        if (!f.matches()) {
            return null;
        }
        for (int g = 1; g <= f.groupCount(); g++) {
            if (f.group(g) != null && f.group(g).contains(".")) {
                return literal.replace("{v}", f.group(g));
            }
        }
        return literal.replace("{v}", "");
    }

    /** The signatures that look in a file of this base name. */
    static List<RuntimeSignature> forFile(String baseName) {
        return BINARIES.stream()
                .filter(s -> s.files.matcher(baseName).matches())
                .toList();
    }

    /**
     * The version a match states, or null when it disagrees with the version the file name carries.
     */
    String version(Matcher content, String baseName) {
        String v = content.group(1);
        Matcher f = files.matcher(baseName);
        if (v == null || !f.matches()) {
            return null;
        }
        for (int g = 1; g <= f.groupCount(); g++) {
            String named = f.group(g);
            if (named != null && named.contains(".") && !v.startsWith(named + ".") && !v.equals(named)) {
                return null; // python3.12 holding "3.11.4" is not Python 3.12
            }
        }
        return v;
    }

    private static String cpes(String version, List<String> products, String update, String edition) {
        List<String> cpes = new java.util.ArrayList<>();
        for (String vp : products) {
            cpes.add("cpe:2.3:a:" + vp + ":" + Cpe.escape(version) + ":" + update + ":*:*:" + edition + ":*:*:*");
        }
        return String.join(" ", cpes);
    }

    /** The package: generic purl, CPE 2.3 names, where it was found and what said so. */
    Package toPackage(String version, String evidence) {
        List<String> products =
                name.equals("curl") ? List.of("haxx:curl", "haxx:libcurl") : List.of(vendor + ":" + product);
        return runtime(name, version, version, products, "*", edition, evidence);
    }

    /**
     * A runtime found outside any package manager: a generic purl and, in the {@code cpe} property, one CPE 2.3 name
     * per NVD product it is known as (space-separated: curl is both haxx:curl and haxx:libcurl).
     */
    static Package runtime(
            String name,
            String version,
            String cpeVersion,
            List<String> products,
            String update,
            String edition,
            String evidence) {
        String v = version;
        String cpe = cpes(cpeVersion, products, update, edition);
        return new Package(
                        PackageType.BINARY,
                        name,
                        v,
                        Purls.of(PackageType.BINARY, null, name, v, Map.of()),
                        List.of(),
                        null,
                        null,
                        null,
                        List.of())
                .with("cpe", cpe)
                .with("evidence", evidence);
    }
}
