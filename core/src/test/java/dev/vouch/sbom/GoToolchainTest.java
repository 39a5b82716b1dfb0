package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The go command's own binary (Debian's golang-go, installed by the test command) is the Go toolchain: OSV's
 * "toolchain" records are about it, so it is catalogued as {@code toolchain} beside {@code stdlib}, at the version its
 * build info names; a program the go command built is not.
 */
class GoToolchainTest {
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theGoCommandIsTheToolchain() throws Exception {
        Path go = Path.of(run("go", "env", "GOROOT"), "bin", "go").toRealPath();
        String version = run("go", "env", "GOVERSION").substring(2);
        FileCataloger.Found found;
        try (InputStream in = Files.newInputStream(go)) {
            found = new ElfBinaryCataloger().read("usr/lib/go/bin/go", in);
        }
        assertThat(found.packages())
                .extracting(Package::name, Package::version)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("stdlib", version),
                        org.assertj.core.groups.Tuple.tuple("toolchain", version));
        assertThat(found.packages())
                .filteredOn(p -> p.name().equals("toolchain"))
                .singleElement()
                .extracting(Package::purl)
                .isEqualTo("pkg:golang/toolchain@" + version);
    }

    /** Go 1.18+ build info as the linker writes it: a 32-byte header (inline strings), then two varint strings. */
    private static byte[] buildInfo(String version, String modInfo) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        byte[] header = new byte[32];
        header[15] = 0x2;
        b.writeBytes(header);
        for (String s : new String[] {version, "0123456789abcdef" + modInfo + "0123456789abcdef"}) {
            byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int n = bytes.length;
            while (n >= 0x80) {
                b.write((n & 0x7f) | 0x80);
                n >>>= 7;
            }
            b.write(n);
            b.writeBytes(bytes);
        }
        return b.toByteArray();
    }

    @Test
    void aProgramTheGoCommandBuiltIsNotTheToolchain() {
        // build info of a program: path and mod lines of its own module, not cmd/go
        byte[] info = buildInfo("go1.22.1", "path\texample.com/app\nmod\texample.com/app\t(devel)\t\n");
        assertThat(ElfBinaryCataloger.goPackages(info))
                .extracting(Package::name)
                .containsExactly("stdlib", "example.com/app");
        byte[] goCommand = buildInfo("go1.22.1", "path\tcmd/go\n");
        assertThat(ElfBinaryCataloger.goPackages(goCommand))
                .extracting(Package::name)
                .containsExactly("stdlib", "toolchain");
    }
}
