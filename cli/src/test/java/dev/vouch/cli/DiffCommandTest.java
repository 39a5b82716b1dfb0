package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch diff} on the real Debian and app fixtures, and on crafted images that differ in one byte. */
class DiffCommandTest {
    @TempDir
    Path tmp;

    private static List<String> changes(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : list) {
            out.add(c.path("kind").asText() + " " + c.path("what").asText()
                    + (c.has("before") ? " " + c.path("before").asText() : "")
                    + (c.has("after") ? " -> " + c.path("after").asText() : ""));
        }
        return out;
    }

    @Test
    void theAppAgainstItsBase() throws Exception {
        Cli.Result r = Cli.run(
                "diff",
                "--format",
                "json",
                "oci:" + Fixtures.dir().resolve("debian") + ":bookworm",
                "oci:" + Fixtures.dir().resolve("app") + ":1");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode d = r.json();
        assertThat(d.path("sharedLayers").asInt()).isEqualTo(1);
        assertThat(d.path("b").path("layers").asInt()).isEqualTo(5);
        List<String> files = changes(d.path("files"));
        assertThat(files)
                .contains(
                        "REMOVED /etc/issue.net file 0644 0:0 20 B",
                        "ADDED /opt/app/cache/c -> file 0644 0:0 7 B",
                        "ADDED /usr/local/bin/suidtool -> file 4755 0:0 35664 B")
                // the credentials a later layer deleted are not in the final filesystem
                .noneMatch(f -> f.contains("/root/.aws"));
        assertThat(changes(d.path("config")))
                .contains("CHANGED cmd /bin/bash -> echo hello", "ADDED user -> 1000:1000");
        assertThat(r.out()).doesNotContain("fixture-token-not-real");
        assertThat(d.path("historyOnlyB").size()).isEqualTo(12);
        assertThat(d.path("packages")).isEmpty();
        // an image against itself: identical, exit 0
        Cli.Result same = Cli.run(
                "diff",
                "oci:" + Fixtures.dir().resolve("app") + ":1",
                "oci:" + Fixtures.dir().resolve("app") + ":1");
        assertThat(same.code()).isZero();
        assertThat(same.out()).endsWith("identical\n");
    }

    @Test
    void sameSizeDifferentBytesPackagesAndEnvAreFound() throws Exception {
        String statusA = "Package: tool\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n\n"
                + "Package: gone\nStatus: install ok installed\nVersion: 2\nArchitecture: amd64\n\n";
        String statusB = "Package: tool\nStatus: install ok installed\nVersion: 1.1-1\nArchitecture: amd64\n\n"
                + "Package: fresh\nStatus: install ok installed\nVersion: 3\nArchitecture: amd64\n\n";
        Crafted.Layout a = Crafted.layout(
                tmp.resolve("a"),
                List.of(Crafted.LayerBlob.gzipped(new Crafted.Tar()
                        .dir("etc")
                        .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                        .file("etc/app.conf", "mode=aaaa\n")
                        .file("etc/same.conf", "identical\n")
                        .dir("var/lib/dpkg")
                        .file("var/lib/dpkg/status", statusA)
                        .bytes())),
                0,
                c -> ((ObjectNode) c.path("config")).putArray("Env").add("MODE=a"));
        Crafted.Layout b = Crafted.layout(
                tmp.resolve("b"),
                List.of(Crafted.LayerBlob.gzipped(new Crafted.Tar()
                        .dir("etc")
                        .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                        .file("etc/app.conf", "mode=bbbb\n")
                        .file("etc/same.conf", "identical\n")
                        .dir("var/lib/dpkg")
                        .file("var/lib/dpkg/status", statusB)
                        .bytes())),
                0,
                c -> ((ObjectNode) c.path("config")).putArray("Env").add("MODE=b"));
        Cli.Result r = Cli.run("diff", "--format", "json", "oci:" + a.dir(), "oci:" + b.dir());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode d = r.json();
        assertThat(d.path("sharedLayers").asInt()).isZero();
        List<String> files = changes(d.path("files"));
        // same size and mode, other bytes: compared by SHA-256; the identical file is not listed
        assertThat(files).hasSize(2);
        assertThat(files.get(0)).startsWith("CHANGED /etc/app.conf file 0644 0:0 10 B content sha256:");
        assertThat(files.get(1)).startsWith("CHANGED /var/lib/dpkg/status");
        assertThat(changes(d.path("packages")))
                .containsExactly("ADDED deb:fresh -> 3", "REMOVED deb:gone 2", "CHANGED deb:tool 1.0-1 -> 1.1-1");
        assertThat(changes(d.path("config"))).containsExactly("CHANGED env MODE a -> b");
    }
}
