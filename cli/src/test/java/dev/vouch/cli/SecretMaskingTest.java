package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every content secret rule's example, written into the image's history (RUN lines as printf and echo write them,
 * a build argument), its environment and its labels, never appears in any report that shows image text: inspect,
 * trace and diff (text and JSON) and check (text, JSON, SARIF and HTML).
 */
class SecretMaskingTest {
    @TempDir
    Path tmp;

    /** The secret part of each rule's example: none of these may be printed. */
    static final List<String> SECRETS = List.of(
            "MIIEowIBAAKCAQEAplantedPRIVATEkeyMATERIAL0123456789", // SEC001, inside the key block
            "AKIAQWERTYUIOPASDFGH", // SEC002
            "wJalrXUtnFEMIK7MDENGbPxRfiCYPLANTEDKEY0123", // SEC003
            "ghp_PlantedGitHubToken0123456789abcdefABCD", // SEC004
            "glpat-PlantedGitLab012345678", // SEC005
            "xoxb-PLANTED-slack-0123456789", // SEC006
            "AIzaPlantedGoogleKey0123456789abcdefghijk", // SEC007
            "sk_live_PlantedStripe0123456789ab", // SEC008
            "npm_PlantedNpmToken0123456789abcdefghijk", // SEC009
            "cGxhbnRlZDpyZWdpc3RyeQ==", // SEC010
            "pypi-AgEIcHlwaS5vcmcPlantedPyPIToken0123456789abcdefghijklmnopqrstuvwxyz", // SEC011
            "urlPlantedPassw0rd", // SEC012
            "settingsPlantedSecret", // SEC013
            "envPlantedValue42", // SEC020
            "labelPlantedValue42", // SEC021
            "argPlantedValue42"); // SEC022

    static Crafted.Layout image(Path dir, boolean withSecrets) throws Exception {
        byte[] layer = new Crafted.Tar().dir("etc").file("etc/hostname", "x\n").bytes();
        return Crafted.layout(dir, List.of(Crafted.LayerBlob.gzipped(layer)), 0, config -> {
            ObjectNode c = (ObjectNode) config.path("config");
            ArrayNode h = config.putArray("history");
            if (!withSecrets) {
                h.addObject().put("created_by", "RUN /bin/sh -c true # buildkit");
                return;
            }
            c.putArray("Env").add("DB_PASSWORD=" + SECRETS.get(13));
            c.putObject("Labels").put("api_token", SECRETS.get(14));
            String script = "printf '-----BEGIN RSA PRIVATE KEY-----\\n" + SECRETS.get(0)
                    + "\\n-----END RSA PRIVATE KEY-----\\n' > /root/.ssh/id_rsa"
                    + " && echo " + SECRETS.get(1)
                    + " && echo aws_secret_access_key=" + SECRETS.get(2)
                    + " && echo " + SECRETS.get(3)
                    + " && echo " + SECRETS.get(4)
                    + " && echo " + SECRETS.get(5)
                    + " && echo " + SECRETS.get(6)
                    + " && echo " + SECRETS.get(7)
                    + " && echo " + SECRETS.get(8)
                    + " && echo '{\"auth\": \"" + SECRETS.get(9) + "\"}' > /root/.docker/config.json"
                    + " && echo " + SECRETS.get(10)
                    + " && git clone https://deploy:" + SECRETS.get(11) + "@git.example.com/app.git"
                    + " && printf 'DB_HOST=db\\nAPP_SECRET=" + SECRETS.get(12) + "\\n' > /app/.env";
            h.addObject()
                    .put(
                            "created_by",
                            "|1 DB_PASSWORD=" + SECRETS.get(15) + " RUN /bin/sh -c " + script + " # buildkit");
        });
    }

    @Test
    void noReportPrintsAnyPlantedSecret() throws Exception {
        Crafted.Layout secrets = image(tmp.resolve("secrets"), true);
        Crafted.Layout plain = image(tmp.resolve("plain"), false);
        String ref = "oci:" + secrets.dir();
        Path html = tmp.resolve("check.html");
        List<Cli.Result> runs = new ArrayList<>();
        for (String format : List.of("text", "json")) {
            runs.add(Cli.run("inspect", "--format", format, ref));
            runs.add(Cli.run("trace", "--format", format, ref));
            runs.add(Cli.run("diff", "--format", format, "oci:" + plain.dir(), ref));
        }
        for (String format : List.of("text", "json", "sarif")) {
            runs.add(Cli.run("check", "--policy", "none", "--format", format, ref));
        }
        runs.add(Cli.run("check", "--policy", "none", "--format", "html", "-o", html.toString(), ref));
        StringBuilder all = new StringBuilder(Files.readString(html));
        for (Cli.Result r : runs) {
            assertThat(r.code()).as(r.err()).isIn(0, 1);
            all.append(r.out()).append(r.err());
        }
        for (String secret : SECRETS) {
            assertThat(all.toString()).as("printed: " + secret).doesNotContain(secret);
        }
        // what was masked says so, and the rest of the command is still there to read
        assertThat(all.toString()).contains("<masked, ").contains("git clone https://deploy:");
    }

    @Test
    void serveShowsNoPlantedSecretOnAnyPage() throws Exception {
        Crafted.Layout secrets = image(tmp.resolve("secrets"), true);
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(tmp.resolve("api.token"), "api-token-1\n");
        try (TestRegistry reg = TestRegistry.open(tmp.resolve("reg"));
                ServeProcess serve = ServeProcess.start(
                        home,
                        tmp.resolve("serve.log"),
                        "--http",
                        "127.0.0.1:0",
                        "--db",
                        tmp.resolve("server.sqlite").toString(),
                        "--api-token-file",
                        tmp.resolve("api.token").toString(),
                        "--poll",
                        "100ms")) {
            reg.push("oci:" + secrets.dir(), "secrets:1", false);
            String digest = reg.skopeoDigest("secrets:1");
            java.net.URI http = serve.addresses.get(0);
            java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
            assertThat(ServeCommandTest.post(
                                    c,
                                    http,
                                    "/api/check",
                                    "{\"image\":\"" + reg.host() + "/secrets:1\"}",
                                    "api-token-1")
                            .statusCode())
                    .isEqualTo(202);
            ServeCommandTest.awaitReport(c, http, digest, 60);
            StringBuilder all = new StringBuilder();
            for (String page : List.of(
                    "/",
                    "/api/images?repository=" + reg.host() + "/secrets",
                    "/api/images/" + digest,
                    "/api/images/" + digest + "/report.html",
                    "/api/images/" + digest + "/sbom",
                    "/api/images/" + digest + "/changes")) {
                var r = ServeCommandTest.get(c, http, page);
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                all.append(r.body());
            }
            all.append(serve.log());
            for (String secret : SECRETS) {
                assertThat(all.toString()).as("served: " + secret).doesNotContain(secret);
            }
            assertThat(all.toString()).contains("<masked, ").contains("git clone https://deploy:");
        }
    }
}
