package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vouch secrets} through the CLI: the fixtures' planted secrets, clean images, crafted cases. */
class SecretsCommandTest {
    @TempDir
    Path tmp;

    private static List<String> secrets(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : report.path("secrets")) {
            out.add(s.path("id").asText() + " " + s.path("source").asText() + " "
                    + s.path("path").asText()
                    + (s.has("line") ? ":" + s.path("line").asInt() : "") + " layer "
                    + s.path("layer").asInt()
                    + (s.path("remnant").asBoolean() ? " remnant" : "") + " "
                    + s.path("preview").asText("-"));
        }
        return out;
    }

    @Test
    void theAppFixturesDeletedCredentialsAndItsTokenAreFoundAndNeverPrinted() throws Exception {
        Cli.Result r =
                Cli.run("secrets", "--format", "json", "oci:" + Fixtures.dir().resolve("app"));
        assertThat(r.code()).isEqualTo(1);
        assertThat(secrets(r.json()))
                .containsExactly(
                        "SEC002 file root/.aws/credentials:2 layer 1 remnant AKIA…(20 characters)",
                        "SEC003 file root/.aws/credentials:3 layer 1 remnant fixt…(39 characters)",
                        "SEC020 env API_TOKEN layer -1 fixt…(22 characters)",
                        "SEC014 file root/.aws/credentials layer 1 remnant -");
        Cli.Result text = Cli.run("secrets", "oci:" + Fixtures.dir().resolve("app"));
        for (Cli.Result x : List.of(r, text)) {
            assertThat(x.out() + x.err())
                    .doesNotContain("AKIAFIXTUREFIXTURE00")
                    .doesNotContain("fixture/not/a/real/secret/key/000000000")
                    .doesNotContain("fixture-token-not-real");
        }
        assertThat(text.out())
                .contains(
                        "  critical [SEC002] AWS access key id: /root/.aws/credentials:2 (layer 1, deleted or replaced"
                                + " later: still in that layer's bytes) AKIA…(20 characters)\n");
    }

    @Test
    void theDemoImagesDeletedPasswordIsARemnant() throws Exception {
        Cli.Result r =
                Cli.run("secrets", "--format", "json", "oci:" + Fixtures.root().resolve("examples/demo"));
        assertThat(secrets(r.json()))
                .containsExactly(
                        "SEC020 env APP_SECRET_TOKEN layer -1 de…(15 characters)",
                        "SEC013 file app/config.env:2 layer 3 remnant demo…(27 characters)");
        assertThat(r.out()).doesNotContain("demo-not-a-real-password-42");
        // medium is below the default threshold only when nothing high is found: the env token is high
        assertThat(r.code()).isEqualTo(1);
        assertThat(Cli.run(
                                "secrets",
                                "--fail-on",
                                "critical",
                                "oci:" + Fixtures.root().resolve("examples/demo"))
                        .code())
                .isZero();
    }

    @Test
    void cleanImagesHaveNone() throws Exception {
        for (String image : List.of("debian", "pkgs")) {
            Cli.Result r = Cli.run(
                    "secrets", "--format", "json", "oci:" + Fixtures.dir().resolve(image));
            assertThat(r.code()).isZero();
            assertThat(r.json().path("secrets")).isEmpty();
        }
    }

    @Test
    void craftedKeysBuildArgsLabelsAndWhatIsNotLookedAt() throws Exception {
        String key =
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        byte[] layer = new Crafted.Tar()
                .dir("home/app/.ssh")
                .file("home/app/.ssh/id_ed25519", key, 0600)
                .dir("usr/share/doc/x")
                .file("usr/share/doc/x/example-key.pem", key)
                .file("home/app/tool.bin", new String(new char[] {0, 1, 2}) + "ghp_" + "a".repeat(36))
                .file("home/app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n")
                .file("home/app/notes.txt", "clone https://deploy:s3cr3tpass@git.example.com/repo.git\n")
                .bytes();
        Crafted.Layout img =
                Crafted.layout(tmp.resolve("img"), List.of(Crafted.LayerBlob.gzipped(layer)), 0, config -> {
                    config.with("config").putObject("Labels").put("deploy.password", "hunter2hunter2");
                    var h = config.putArray("history");
                    h.addObject()
                            .put(
                                    "created_by",
                                    "|2 GITHUB_TOKEN=ghp_" + "b".repeat(36) + " VERSION=1.0 /bin/sh -c make");
                });
        Cli.Result r = Cli.run("secrets", "--format", "json", "oci:" + img.dir());
        assertThat(secrets(r.json()))
                .containsExactly(
                        "SEC001 file home/app/.ssh/id_ed25519:1 layer 0 -",
                        "SEC014 file home/app/.ssh/id_ed25519 layer 0 -",
                        "SEC012 file home/app/notes.txt:1 layer 0 s3…(10 characters)",
                        "SEC022 history history[0] GITHUB_TOKEN layer -1 ghp_…(40 characters)",
                        "SEC021 label deploy.password layer -1 hu…(14 characters)");
        // not reported: the key under usr/share (documentation), the token inside a binary file, an .npmrc that
        // only names an environment variable
        assertThat(r.out())
                .doesNotContain("hunter2hunter2")
                .doesNotContain("s3cr3tpass")
                .doesNotContain("bbbbbbbb");
    }
}
