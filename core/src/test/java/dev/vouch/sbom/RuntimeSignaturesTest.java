package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runtime versions read from binaries: the real ones this machine has (each compared with what the program says of
 * itself when run), and byte strings shaped as the servers' own binaries hold them for those it has not.
 */
class RuntimeSignaturesTest {
    /** "name version" of the runtimes found in a file read as if it lay at {@code imagePath}. */
    static List<String> runtimes(String imagePath, InputStream content) throws Exception {
        return new ElfBinaryCataloger()
                .read(imagePath, content).packages().stream()
                        .filter(p -> p.properties().containsKey("evidence"))
                        .map(p -> p.name() + " " + p.version())
                        .toList();
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static void real(String file, String imagePath, String name, String version) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            assertThat(runtimes(imagePath, in)).as(file).containsExactly(name + " " + version);
        }
    }

    static String present(String file) {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(file)), file + " is not installed");
        return file;
    }

    @Test
    void realBinariesSayWhatTheProgramsSay() throws Exception {
        String busybox = present("/bin/busybox");
        real(busybox, "bin/busybox", "busybox", run(busybox).replaceAll("(?s)^BusyBox v(\\d+\\.\\d+\\.\\d+).*", "$1"));
        String postgres = run("bash", "-c", "ls /usr/lib/postgresql/*/bin/postgres | head -1")
                .strip();
        present(postgres);
        real(
                postgres,
                "usr/local/bin/postgres",
                "postgresql",
                run(postgres, "--version").replaceAll("(?s)^postgres \\(PostgreSQL\\) (\\d+\\.\\d+).*", "$1"));
        String perl = present("/usr/bin/perl");
        real(perl, "usr/local/bin/perl", "perl", run(perl, "-e", "print substr($^V, 1)"));
        String crypto =
                run("bash", "-c", "ls /usr/lib/*/libcrypto.so.3 | head -1").strip();
        present(crypto);
        real(
                crypto,
                "usr/local/lib/libcrypto.so.3",
                "openssl",
                run("openssl", "version").replaceAll("(?s)^OpenSSL (\\S+).*", "$1"));
        String curl = run("bash", "-c", "ls /usr/lib/*/libcurl.so.4 | head -1").strip();
        present(curl);
        real(
                curl,
                "usr/local/lib/libcurl.so.4",
                "curl",
                run("curl", "--version").replaceAll("(?s)^.*? libcurl/(\\d+\\.\\d+\\.\\d+).*", "$1"));
    }

    @Test
    void languageRuntimesOfThisMachine() throws Exception {
        String php =
                run("bash", "-c", "ls /usr/bin/php8* 2>/dev/null | head -1").strip();
        Assumptions.assumeFalse(php.isEmpty(), "no PHP");
        real(
                php,
                "usr/local/bin/" + Path.of(php).getFileName(),
                "php",
                run(php, "-r", "echo PHP_VERSION;").replaceAll("[^\\d.].*", ""));
        String ruby = run("bash", "-c", "ls /usr/lib/*/libruby-*.so.* 2>/dev/null | head -1")
                .strip();
        Assumptions.assumeFalse(ruby.isEmpty(), "no Ruby");
        real(ruby, "usr/local/lib/" + Path.of(ruby).getFileName(), "ruby", run("ruby", "-e", "print RUBY_VERSION"));
    }

    /** An ELF-looking file holding the given strings, NUL-separated, amid filler. */
    static InputStream binary(String... strings) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.write(new byte[200_000]); // so the strings fall past the first chunk, across a boundary
        for (String s : strings) {
            b.write(0);
            b.write(s.getBytes(StandardCharsets.ISO_8859_1));
            b.write(0);
        }
        return new ByteArrayInputStream(b.toByteArray());
    }

    @Test
    void serversTheirOwnWay() throws Exception {
        assertThat(runtimes("usr/sbin/nginx", binary("nginx version: ", "nginx/1.25.3")))
                .containsExactly("nginx 1.25.3");
        assertThat(runtimes("usr/local/apache2/bin/httpd", binary("Apache/2.4.58 (Unix)")))
                .containsExactly("httpd 2.4.58");
        assertThat(runtimes("usr/local/bin/redis-server", binary("7.2.4", "Redis server v=%s sha=%s:%d")))
                .containsExactly("redis 7.2.4");
        // a bare version string is not enough without the server's own marker
        assertThat(runtimes("usr/local/bin/redis-server", binary("7.2.4"))).isEmpty();
        assertThat(runtimes("usr/sbin/mariadbd", binary("10.11.6-MariaDB"))).containsExactly("mariadb 10.11.6");
        assertThat(runtimes("usr/sbin/mysqld", binary("8.0.35", "MySQL Community Server - GPL")))
                .containsExactly("mysql 8.0.35");
        assertThat(runtimes("usr/local/sbin/haproxy", binary("2.8.3-86e043a", "HAProxy version %s %s")))
                .containsExactly("haproxy 2.8.3");
        assertThat(runtimes("usr/local/bin/memcached", binary("memcached 1.6.22")))
                .containsExactly("memcached 1.6.22");
        // the file name chooses where to look, never the version: python3.12 holding 3.11's string is not 3.12
        assertThat(runtimes("usr/local/bin/python3.12", binary("3.11.4"))).isEmpty();
        assertThat(runtimes("usr/local/bin/python3.12", binary("2.2.0", "3.12.1")))
                .containsExactly("python 3.12.1");
        assertThat(runtimes("usr/local/bin/not-a-runtime", binary("nginx/1.25.3")))
                .isEmpty();
    }

    static Package os(PackageType type, String name, String version, String source) {
        return new Package(type, name, version, null, List.of(), source, version, null, List.of());
    }

    static Package runtime(String name, String version) {
        return RuntimeSignature.runtime(name, version, version, List.of("x:y"), "*", "*", "test");
    }

    @Test
    void aDistributionsPackageOfTheSameRuntimeAndVersionIsThatRuntime() {
        // Debian's busybox-static is BusyBox 1.35.0, epoch and revision aside
        assertThat(RuntimeSignature.packages(
                        os(PackageType.DEB, "busybox-static", "1:1.35.0-4+deb12u1", "busybox"),
                        runtime("busybox", "1.35.0")))
                .isTrue();
        assertThat(RuntimeSignature.packages(
                        os(PackageType.DEB, "busybox-static", "1:1.35.0-4+deb12u1", "busybox"),
                        runtime("busybox", "1.36.1")))
                .isFalse();
        // Debian's python3.11 beside a CPython 3.12 built from source is not that CPython
        assertThat(RuntimeSignature.packages(
                        os(PackageType.DEB, "python3.11-minimal", "3.11.2-6+deb12u1", "python3.11"),
                        runtime("python", "3.12.1")))
                .isFalse();
        assertThat(RuntimeSignature.packages(
                        os(PackageType.DEB, "python3.11-minimal", "3.11.2-6+deb12u1", "python3.11"),
                        runtime("python", "3.11.2")))
                .isTrue(); // the same CPython as the one dpkg lists: Debian's advisories cover it
    }
}
