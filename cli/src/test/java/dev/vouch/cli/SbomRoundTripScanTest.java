package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same image scanned directly and through each SBOM vouch writes (CycloneDX, SPDX) gives the same matches: a
 * real Go binary, built here offline with the go command, whose vendored modules have capital letters in their paths
 * (golang purls are lower-cased; OSV's records are not), and the Go database's own records for them.
 */
class SbomRoundTripScanTest {
    @TempDir
    Path tmp;

    private Path goBinary() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(
                src.resolve("go.mod"),
                "module example.com/roundtrip\n\ngo 1.19\n\nrequire (\n\tgithub.com/Azure/go-ntlmssp v0.1.0\n"
                        + "\tgithub.com/Masterminds/goutils v1.1.0\n)\n");
        Files.writeString(
                src.resolve("main.go"),
                "package main\n\nimport (\n\t\"fmt\"\n\n\tntlmssp \"github.com/Azure/go-ntlmssp\"\n"
                        + "\t\"github.com/Masterminds/goutils\"\n)\n\n"
                        + "func main() { fmt.Println(ntlmssp.Name(), goutils.Name()) }\n");
        for (String[] m : new String[][] {
            {"github.com/Azure/go-ntlmssp", "ntlmssp", "v0.1.0"},
            {"github.com/Masterminds/goutils", "goutils", "v1.1.0"}
        }) {
            Path pkg = Files.createDirectories(src.resolve("vendor/" + m[0]));
            Files.writeString(
                    pkg.resolve(m[1] + ".go"),
                    "package " + m[1] + "\n\nfunc Name() string { return \"" + m[1] + "\" }\n");
        }
        Files.writeString(
                src.resolve("vendor/modules.txt"),
                "# github.com/Azure/go-ntlmssp v0.1.0\n## explicit\ngithub.com/Azure/go-ntlmssp\n"
                        + "# github.com/Masterminds/goutils v1.1.0\n## explicit\ngithub.com/Masterminds/goutils\n");
        Path out = tmp.resolve("roundtrip");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-buildvcs=false", "-o", out.toString(), ".")
                .directory(src.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CGO_ENABLED", "0");
        env.put("GOFLAGS", "-mod=vendor");
        env.put("GOPROXY", "off");
        env.put("GOCACHE", tmp.resolve("gocache").toString());
        env.put("GOPATH", tmp.resolve("gopath").toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    private static List<String> matches(Cli.Result r) throws Exception {
        assertThat(r.code()).as(r.err()).isIn(0, 1);
        List<String> out = new ArrayList<>();
        for (JsonNode m : r.json().path("result").path("matches")) {
            out.add(m.path("id").asText() + " " + m.path("packageName").asText() + " "
                    + m.path("version").asText() + " " + m.path("ecosystem").asText() + " fixed "
                    + m.path("fixedVersion").asText("-"));
        }
        return out;
    }

    @Test
    void directAndThroughCycloneDxAndSpdxTheMatchesAreTheSame() throws Exception {
        byte[] binary = Files.readAllBytes(goBinary());
        byte[] layer = new Crafted.Tar()
                .dir("usr/local/bin")
                .file("usr/local/bin/roundtrip", binary, 0755)
                .bytes();
        Crafted.Layout img = Crafted.layout(tmp.resolve("img"), List.of(Crafted.LayerBlob.gzipped(layer)), 0);
        String db = tmp.resolve("osv.sqlite").toString();
        assertThat(Cli.run("db", "import", "--db", db, Fixtures.corpus("osv/go").toString())
                        .code())
                .isZero();

        List<String> direct = matches(Cli.run("scan", "--format", "json", "--db", db, "oci:" + img.dir()));
        // the two modules, and the standard library of whatever go command built the binary (Debian's is older
        // than every fix of GO-2026-6218)
        assertThat(direct.stream().filter(m -> !m.contains(" stdlib ")).toList())
                .containsExactlyInAnyOrder(
                        "GO-2022-0411 github.com/Masterminds/goutils v1.1.0 Go fixed 1.1.1",
                        "GO-2026-5543 github.com/Azure/go-ntlmssp v0.1.0 Go fixed 0.1.1");
        assertThat(direct.stream().filter(m -> m.contains(" stdlib ")).toList())
                .singleElement()
                .matches(m -> m.matches("GO-2026-6218 stdlib 1\\.[0-9.]+ Go fixed 1\\.25\\.13"), "stdlib row");
        for (String format : List.of("cyclonedx", "spdx")) {
            Path sbom = tmp.resolve("sbom." + format + ".json");
            Cli.Result written = Cli.run("sbom", "--format", format, "-o", sbom.toString(), "oci:" + img.dir());
            assertThat(written.code()).as(written.err()).isZero();
            assertThat(Files.readString(sbom))
                    .as(format + " lower-cases the purl")
                    .contains("github.com/azure/go-ntlmssp");
            assertThat(matches(Cli.run("scan", "--format", "json", "--db", db, "--sbom", sbom.toString())))
                    .as("through " + format)
                    .isEqualTo(direct);
        }
    }

    @Test
    void aForeignSbomWithoutAnImageDigestRescansToCycloneDx() throws Exception {
        Path sbom = tmp.resolve("other.cdx.json");
        Files.writeString(
                sbom,
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"version\": 1, \"components\": [{\"type\":"
                        + " \"library\", \"name\": \"github.com/Azure/go-ntlmssp\", \"version\": \"v0.1.0\", \"purl\":"
                        + " \"pkg:golang/github.com/azure/go-ntlmssp@v0.1.0\"}]}");
        String db = tmp.resolve("osv.sqlite").toString();
        assertThat(Cli.run("db", "import", "--db", db, Fixtures.corpus("osv/go").toString())
                        .code())
                .isZero();
        Cli.Result r = Cli.run("scan", "--format", "cyclonedx", "--db", db, "--sbom", sbom.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode bom = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(bom.path("vulnerabilities").path(0).path("id").asText()).isEqualTo("GO-2026-5543");
        assertThat(bom.path("metadata").path("component").has("version")).isFalse();
    }
}
