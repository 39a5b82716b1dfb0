package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vouch's own image, end to end, after the jar is packaged (a failsafe integration test): {@code deploy/make-image.sh}
 * builds it here (mmdebstrap, Debian's Java runtime, buildah) and pushes base and image to a real registry; signed
 * with a fresh key, {@code vouch check --policy strict --dockerfile deploy/Dockerfile} of it fails only the rule a
 * local build cannot meet (provenance); {@code deploy/kubernetes/vouch.yaml}, pinned, names it by that digest and has
 * no findings; and a real Docker engine runs it with a read-only root, no network, no capabilities and no shell.
 */
class OwnImageIT {
    @TempDir
    Path work;

    @Test
    void vouchsOwnImagePassesItsStrictPolicyButProvenanceAndRunsReadOnly() throws Exception {
        Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "deploy/make-image.sh runs mmdebstrap as root");
        Path root = Fixtures.root();
        Path jar = root.resolve("cli/target/vouch.jar");
        assertThat(jar).as("the shaded jar, packaged before integration tests").exists();
        try (TestRegistry registry = TestRegistry.open(work.resolve("registry"))) {
            String namespace = registry.host() + "/vouch";
            Process p = new ProcessBuilder(
                            "bash",
                            root.resolve("deploy/make-image.sh").toString(),
                            work.resolve("out").toString(),
                            namespace)
                    .redirectError(work.resolve("make-image.log").toFile())
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(work.resolve("make-image.log"));
            assertThat(p.exitValue()).as(log).isZero();
            String image = out.strip();
            assertThat(image).matches(java.util.regex.Pattern.quote(namespace) + "/vouch@sha256:[0-9a-f]{64}");
            String base = log.lines()
                    .filter(l -> l.startsWith("base: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("base: ".length());
            assertThat(base).startsWith(namespace + "/vouch-runtime-base@sha256:");
            assertThat(log)
                    .contains("openjdk-17-jre-headless")
                    .doesNotContain(" dash ")
                    .doesNotContain(" dpkg ");

            Map<String, String> env = Cli.freshUser(work.resolve("home"));
            env.put("COSIGN_PASSWORD", "own-image");
            String key = work.resolve("own").toString();
            assertThat(Cli.runIn(env, "", "keygen", "--output-key-prefix", key).code())
                    .isZero();
            Cli.Result signed = Cli.runIn(env, "", "sign", image, "--key", key + ".key");
            assertThat(signed.code()).as(signed.err()).isZero();

            Cli.Result check = Cli.runIn(
                    env,
                    "",
                    "check",
                    "--policy",
                    "strict",
                    "--dockerfile",
                    root.resolve("deploy/Dockerfile").toString(),
                    "--build-arg",
                    "BASE=" + base,
                    "--key",
                    key + ".pub",
                    "--format",
                    "json",
                    image);
            assertThat(check.code()).as(check.err()).isEqualTo(1);
            JsonNode report = check.json();
            List<String> failed = new ArrayList<>();
            for (JsonNode rule : report.path("policy")) {
                if (!rule.path("passed").asBoolean()
                        && "deny".equals(rule.path("severity").asText())) {
                    failed.add(rule.path("id").asText());
                }
            }
            assertThat(failed).as(report.at("/policy").toString()).containsExactly("provenance");
            JsonNode facts = report.path("facts");
            assertThat(facts.at("/user/name").asText()).isEqualTo("65532:65532");
            assertThat(facts.path("shells")).isEmpty();
            assertThat(facts.path("packageManagers")).isEmpty();
            assertThat(facts.at("/base/status").asText()).isEqualTo("VERIFIED");
            assertThat(facts.at("/base/pinned").asBoolean()).isTrue();
            assertThat(facts.path("signatures").toString()).contains("\"verified\":true");

            // the Kubernetes deployment, pinned, names this image by its digest and passes vouch manifests
            Path manifests = work.resolve("vouch.yaml");
            String yaml = Files.readString(root.resolve("deploy/kubernetes/vouch.yaml"));
            assertThat(yaml).contains("image: registry.example.com/vouch@sha256:");
            Files.writeString(
                    manifests,
                    yaml.replaceAll(
                            "image: registry\\.example\\.com/vouch@sha256:[0-9a-f]{64}",
                            "image: " + namespace + "/vouch:latest"));
            Cli.Result pin = Cli.runIn(env, "", "pin", manifests.toString());
            assertThat(pin.code()).as(pin.err()).isZero();
            String digest = image.substring(image.indexOf('@') + 1);
            assertThat(Files.readString(manifests)).contains("image: " + namespace + "/vouch:latest@" + digest);
            Cli.Result lint = Cli.runIn(env, "", "manifests", manifests.toString());
            assertThat(lint.code()).as(lint.out()).isZero();
            assertThat(lint.out()).isEqualTo("0 finding(s) in 1 file(s)\n");

            // the image runs as its deployment runs it: read-only root, no network, no capabilities; no shell in it
            try (TestEngine engine = TestEngine.start(work.resolve("engine"))) {
                String byDigest = registry.host() + "/vouch/vouch@" + digest;
                engine.docker("pull", "-q", byDigest);
                String version = engine.docker(
                        "run",
                        "--rm",
                        "--read-only",
                        "--network",
                        "none",
                        "--cap-drop",
                        "ALL",
                        "--security-opt",
                        "no-new-privileges",
                        byDigest,
                        "--version");
                assertThat(version).isEqualTo("vouch (development build)");
                TestEngine.Run shell =
                        engine.tryDocker("run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", byDigest);
                assertThat(shell.code()).isNotZero();
                assertThat(shell.out()).contains("/bin/sh");
            }
        }
    }
}
