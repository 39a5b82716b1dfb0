package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch hardening} through the CLI on the fixtures and on a crafted image. */
class HardeningCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode facts(String image) throws Exception {
        Cli.Result r = Cli.run("hardening", "--format", "json", image);
        assertThat(r.code()).as(r.err()).isZero();
        return r.json().path("facts");
    }

    @Test
    void theAppFixture() throws Exception {
        JsonNode f = facts("oci:" + Fixtures.dir().resolve("app"));
        assertThat(f.path("shells").toString()).isEqualTo("[\"usr/bin/bash\",\"usr/bin/dash\",\"usr/bin/sh\"]");
        assertThat(f.path("packageManagers").toString())
                .isEqualTo("[\"usr/bin/apt\",\"usr/bin/apt-get\",\"usr/bin/dpkg\"]");
        assertThat(f.has("sshd")).isFalse();
        assertThat(f.path("setuidSetgid").toString()).contains("\"usr/local/bin/suidtool\"", "\"usr/bin/su\"");
        assertThat(f.path("rootOwnedWorldWritable").toString()).isEqualTo("[\"opt/app/drop\"]");
        assertThat(f.path("emptyPasswords")).isEmpty();
        assertThat(f.path("duplicateUids")).isEmpty();
    }

    @Test
    void theDemoImageHasBusyboxAndASetuidHelper() throws Exception {
        JsonNode f = facts("oci:" + Fixtures.root().resolve("examples/demo"));
        assertThat(f.path("shells").toString()).isEqualTo("[\"bin/busybox\",\"bin/sh\"]");
        assertThat(f.path("packageManagers")).isEmpty();
        assertThat(f.path("setuidSetgid").toString()).isEqualTo("[\"usr/local/bin/helper\"]");
    }

    @Test
    void emptyPasswordsSharedUidsAndSshdOnlyAsTheFinalImageHasThem() throws Exception {
        byte[] first = new Crafted.Tar()
                .dir("etc")
                .file(
                        "etc/passwd",
                        "root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n")
                .file("etc/shadow", "root:*:19000::::::\ntoor::19000::::::\napp:!:19000::::::\n", 0640)
                .dir("usr/sbin")
                .file("usr/sbin/sshd", "#!/bin/sh\n", 0755)
                .bytes();
        // a later layer gives app an empty password and removes toor's: only the final copy counts
        byte[] second = new Crafted.Tar()
                .file("etc/shadow", "root:*:19000::::::\ntoor:!:19000::::::\napp::19000::::::\n", 0640)
                .bytes();
        Crafted.Layout img = Crafted.layout(
                tmp.resolve("img"), List.of(Crafted.LayerBlob.gzipped(first), Crafted.LayerBlob.gzipped(second)), 0);
        JsonNode f = facts("oci:" + img.dir());
        assertThat(f.path("emptyPasswords").toString()).isEqualTo("[\"app\"]");
        assertThat(f.path("duplicateUids").toString()).isEqualTo("{\"0\":[\"root\",\"toor\"]}");
        assertThat(f.path("sshd").asText()).isEqualTo("usr/sbin/sshd");
        assertThat(f.path("shells")).isEmpty();
        Cli.Result text = Cli.run("hardening", "oci:" + img.dir());
        assertThat(text.out())
                .contains("  empty passwords:            app\n", "  shared uids:                0 (root, toor)\n");
    }
}
