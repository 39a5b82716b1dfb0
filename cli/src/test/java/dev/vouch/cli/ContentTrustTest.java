package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker Content Trust end to end with real parts: Debian's notary-server on loopback over TLS, the test registry,
 * and a real Docker engine whose own client signs when it pushes ({@code DOCKER_CONTENT_TRUST=1}), adds a signer
 * ({@code docker trust}), and whose trust data the notary client rotates. {@code vouch verify --dct} and {@code vouch
 * check --dct} read what they made: the signed tag, a delegation, a tag pushed again unsigned, a rotated root, a pinned
 * root, a repository never signed, and a root replaced without a rotation.
 */
class ContentTrustTest {
    @TempDir
    Path dir;

    TestPki.Issued ca;
    TestNotary notary;
    TestRegistry registry;
    TestEngine engine;
    Path dockerConfig;

    /** The docker client's environment: content trust on, this server, its CA where docker looks, passphrases. */
    private Map<String, String> signing() {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.put("DOCKER_CONTENT_TRUST", "1");
        env.put("DOCKER_CONTENT_TRUST_SERVER", notary.url());
        env.put("DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE", "root-passphrase");
        env.put("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", "repository-passphrase");
        return env;
    }

    private void trustCa(Path config) throws Exception {
        Path tls = config.resolve("tls").resolve(notary.hostPort());
        Files.createDirectories(tls);
        TestPki.writePem(tls.resolve("root.crt"), ca.cert());
    }

    /** A vouch user whose ~/.docker holds the server's CA, as a docker user's does. */
    private Map<String, String> user(String name) throws Exception {
        Path home = dir.resolve(name);
        trustCa(home.resolve(".docker"));
        return Cli.freshUser(home);
    }

    /** A busybox image with one file of its own, tagged for the registry. */
    private String image(String tag, String content) throws Exception {
        Path root = dir.resolve("rootfs-" + content);
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Files.writeString(root.resolve("content"), content);
        Path tar = dir.resolve("rootfs-" + content + ".tar");
        Process p = new ProcessBuilder("tar", "-C", root.toString(), "-cf", tar.toString(), ".")
                .inheritIO()
                .start();
        assertThat(p.waitFor()).isZero();
        String ref = registry.host() + "/team/" + tag;
        engine.docker("import", tar.toString(), ref);
        return ref;
    }

    private static String run(Map<String, String> env, String stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    @Test
    void signaturesDockerMadeAreVerifiedAndEveryWayTheyCanFailIsNamed() throws Exception {
        ca = TestPki.ca("notary test CA");
        try (TestNotary n = TestNotary.start(dir.resolve("notary"), ca);
                TestRegistry r = TestRegistry.open(dir.resolve("registry"));
                TestEngine e = TestEngine.start(dir.resolve("engine"))) {
            notary = n;
            registry = r;
            engine = e;
            dockerConfig = dir.resolve("docker-config");
            trustCa(dockerConfig);
            String app = registry.host() + "/team/app";

            // docker push with content trust: the tag signed in targets by keys the docker client made
            image("app:1", "one");
            String pushed = engine.docker(signing(), "push", app + ":1");
            assertThat(pushed).contains("Successfully signed " + app + ":1");
            Map<String, String> alice = user("alice");
            Cli.Result first = verifyDct(alice, app + ":1");
            assertThat(first.code()).as(first.out() + first.err()).isZero();
            assertThat(first.out())
                    .containsPattern("  valid    notary " + notary.url() + " " + app + " targets: signed by dct root"
                            + " [0-9a-f]{12} \\(trusted on first use now\\) for " + app + ":1\n");
            Cli.Result again = verifyDct(alice, app + ":1");
            assertThat(again.out()).contains("(remembered) for " + app + ":1");

            // vouch check with docker's own variables: the signature counts, kind dct
            Map<String, String> withTrust = new HashMap<>(alice);
            withTrust.put("DOCKER_CONTENT_TRUST", "1");
            withTrust.put("DOCKER_CONTENT_TRUST_SERVER", notary.url());
            Cli.Result check = Cli.runIn(withTrust, "", "check", "--format", "json", app + ":1");
            JsonNode report = check.json();
            assertThat(report.at("/facts/signatures/0/kind").asText()).isEqualTo("dct");
            assertThat(report.at("/facts/signatures/0/verified").asBoolean()).isTrue();
            assertThat(report.toString()).doesNotContain("CK004");

            // a signer: docker trust adds targets/releases and signs tag 2 there
            run(
                    envWithHost(signing()),
                    "",
                    TestEngine.CLIENT,
                    "trust",
                    "key",
                    "generate",
                    "bob",
                    "--dir",
                    dir.toString());
            run(
                    envWithHost(signing()),
                    "",
                    TestEngine.CLIENT,
                    "trust",
                    "signer",
                    "add",
                    "--key",
                    dir.resolve("bob.pub").toString(),
                    "bob",
                    app);
            image("app:2", "two");
            run(envWithHost(signing()), "", TestEngine.CLIENT, "trust", "sign", app + ":2");
            Cli.Result delegated = verifyDct(alice, app + ":2");
            assertThat(delegated.code()).as(delegated.out()).isZero();
            assertThat(delegated.out()).contains(" targets/releases: signed by dct root ");

            // the tag pushed again without content trust: the registry serves other bytes than were signed
            image("app:1", "one, replaced");
            Map<String, String> unsigned = new HashMap<>(signing());
            unsigned.put("DOCKER_CONTENT_TRUST", "0");
            String replaced = engine.docker(unsigned, "push", app + ":1");
            String replacedDigest = replaced.replaceAll("(?s).*digest: (sha256:[0-9a-f]{64}).*", "$1");
            Cli.Result moved = verifyDct(alice, app + ":1");
            assertThat(moved.code()).isEqualTo(1);
            assertThat(moved.out())
                    .contains("the registry serves " + replacedDigest + " for tag 1, but targets signs sha256:")
                    .contains(": the tag was pushed again without signing, or the signed image was replaced");
            Cli.Result refused = Cli.runIn(withTrust, "", "check", app + ":1");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out().replaceAll("\\s+", " "))
                    .contains("[CK004] Docker Content Trust: the registry serves " + replacedDigest)
                    .contains("FAIL integrity:");

            // admission: a namespace whose rule requires content trust admits the signed tag (pinned with its tag
            // kept) and denies the one pushed again unsigned
            admission(app);

            // the root rotated with the notary client: signed by the old root key, so it is followed
            Map<String, String> notaryEnv = Map.of(
                    "NOTARY_ROOT_PASSPHRASE", "root-passphrase",
                    "NOTARY_TARGETS_PASSPHRASE", "repository-passphrase",
                    "NOTARY_SNAPSHOT_PASSPHRASE", "repository-passphrase");
            run(
                    notaryEnv,
                    "yes\n",
                    "notary",
                    "-s",
                    notary.url(),
                    "-d",
                    dockerConfig.resolve("trust").toString(),
                    "--tlscacert",
                    dockerConfig
                            .resolve("tls")
                            .resolve(notary.hostPort())
                            .resolve("root.crt")
                            .toString(),
                    "key",
                    "rotate",
                    app,
                    "root");
            Cli.Result rotated = verifyDct(alice, app + ":2");
            assertThat(rotated.code()).as(rotated.out()).isZero();
            assertThat(rotated.out()).contains("(rotated) for " + app + ":2");
            String rootId = verifyDct(alice, "--format", "json", app + ":2")
                    .json()
                    .at("/signatures/0/key")
                    .asText()
                    .replaceAll("dct root ([0-9a-f]{12}).*", "$1");
            assertThat(rootId).hasSize(12);

            // a pinned root: a key id that is not the root's is refused; the real one is "pinned"
            Cli.Result wrongPin = verifyDct(user("carol"), "--dct-root-key-id", "0".repeat(64), app + ":2");
            assertThat(wrongPin.code()).isEqualTo(1);
            assertThat(wrongPin.out()).contains("is not signed by the pinned root key (its root keys: " + rootId);

            // a repository never signed
            image("plain:1", "plain");
            engine.docker(unsigned, "push", registry.host() + "/team/plain:1");
            Cli.Result never = verifyDct(alice, registry.host() + "/team/plain:1");
            assertThat(never.code()).isEqualTo(1);
            assertThat(never.out())
                    .contains("  unsigned notary " + notary.url() + " " + registry.host()
                            + "/team/plain: no trust data for " + registry.host() + "/team/plain on " + notary.url()
                            + " (never signed)");

            // the server's data lost and the repository signed again from scratch: a new root nobody rotated to
            notary.restart();
            dockerConfig = dir.resolve("docker-config-2");
            trustCa(dockerConfig);
            image("app:3", "three");
            engine.docker(signing(), "push", app + ":3");
            Cli.Result replacedRoot = verifyDct(alice, app + ":3");
            assertThat(replacedRoot.code()).isEqualTo(1);
            assertThat(replacedRoot.out()).contains("the root of " + app + " changed without a valid rotation");
            // a user who never saw the old root trusts the new one on first use
            Cli.Result newcomer = verifyDct(user("dave"), app + ":3");
            assertThat(newcomer.code()).as(newcomer.out()).isZero();
        }
    }

    private void admission(String app) throws Exception {
        try (ServeProcess serve = ServeProcess.requiringTrust(
                Path.of(user("serve").get("HOME")), dir, "dct", "--notary-server", notary.url())) {
            JsonNode signed = serve.admit("/mutate", "s-1", "signed", app + ":2");
            assertThat(signed.path("allowed").asBoolean())
                    .as(signed.toString() + serve.log())
                    .isTrue();
            String patch = new String(
                    java.util.Base64.getDecoder().decode(signed.path("patch").asText()), StandardCharsets.UTF_8);
            assertThat(patch)
                    .containsPattern("\"value\":\"" + java.util.regex.Pattern.quote(app) + ":2@sha256:[0-9a-f]{64}\"");
            JsonNode unsigned = serve.admit("/validate", "s-2", "signed", app + ":1");
            assertThat(unsigned.path("allowed").asBoolean()).isFalse();
            assertThat(unsigned.at("/status/message").asText())
                    .startsWith("vouch: image " + app + ":1 in container web: Docker Content Trust: the registry"
                            + " serves sha256:");
        }
    }

    /** {@code vouch verify --dct} against the test's notary server, as the given user. */
    private Cli.Result verifyDct(Map<String, String> env, String... args) {
        String[] argv = new String[args.length + 4];
        argv[0] = "verify";
        argv[1] = "--dct";
        argv[2] = "--notary-server";
        argv[3] = notary.url();
        System.arraycopy(args, 0, argv, 4, args.length);
        return Cli.runIn(env, "", argv);
    }

    /** The docker client's environment for this engine. */
    private Map<String, String> envWithHost(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.put("DOCKER_HOST", engine.host());
        return out;
    }
}
