package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch keygen}, {@code sign} and {@code verify} against a real registry (distribution on 127.0.0.1): the
 * signature round trip, a wrong key, a tag moved to another digest, a signature copied to another image and to another
 * repository, plain PEM keys made by openssl, and vouch's stored signature checked by openssl.
 */
class SignVerifyTest {
    @TempDir
    static Path work;

    static TestRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        Path f = Fixtures.dir();
        registry = TestRegistry.open(work.resolve("registry"));
        registry.push("oci:" + f.resolve("app") + ":1", "s/app:1", false);
        registry.push("oci:" + f.resolve("app") + ":1", "s/copy:1", false);
        registry.push("oci:" + f.resolve("debian") + ":bookworm", "s/moved:1", false);
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = Cli.freshUser(work.resolve("home"));
        env.put("COSIGN_PASSWORD", password);
        return env;
    }

    private static Cli.Result vouch(String password, String... args) {
        return Cli.runIn(env(password), "", args);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private static void copy(String from, String to) throws Exception {
        run(
                "skopeo",
                "copy",
                "-q",
                "--preserve-digests",
                "--src-tls-verify=false",
                "--dest-tls-verify=false",
                "docker://" + registry.host() + "/" + from,
                "docker://" + registry.host() + "/" + to);
    }

    /** Pushes an OCI manifest with an empty config and one layer (a payload, an envelope) under a tag. */
    private static void pushOneLayerArtifact(
            String repo, String tag, String mediaType, byte[] blob, JsonNode annotations) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String blobDigest = registry.putBlob(repo, blob);
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        var manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config")
                .put("mediaType", "application/vnd.oci.image.config.v1+json")
                .put("digest", registry.putBlob(repo, config))
                .put("size", config.length);
        var layer = manifest.putArray("layers").addObject();
        layer.put("mediaType", mediaType).put("digest", blobDigest).put("size", blob.length);
        layer.set("annotations", annotations);
        registry.putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", json.writeValueAsBytes(manifest));
    }

    private static String sigTag(String repoAndTag) throws Exception {
        return registry.skopeoDigest(repoAndTag).replace("sha256:", "sha256-") + ".sig";
    }

    @Test
    void signThenVerifyAndEveryWayItFails() throws Exception {
        Path keys = Files.createDirectories(work.resolve("keys"));
        String k1 = keys.resolve("k1").toString();
        String k2 = keys.resolve("k2").toString();
        assertThat(vouch("pw-one", "keygen", "--output-key-prefix", k1).code()).isZero();
        assertThat(vouch("pw-two", "keygen", "--output-key-prefix", k2).code()).isZero();
        assertThat(Files.readString(Path.of(k1 + ".key"))).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
        // an existing key is never overwritten
        Cli.Result again = vouch("pw-one", "keygen", "--output-key-prefix", k1);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("exists; vouch does not overwrite keys");
        // a wrong password is one line, and nothing is pushed
        String app = registry.host() + "/s/app:1";
        Cli.Result wrong = vouch("not-it", "sign", "--key", k1 + ".key", app);
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains(k1 + ".key: wrong password");
        assertThat(registry.tagExists("s/app", sigTag("s/app:1"))).isFalse();

        Cli.Result signed = vouch("pw-one", "sign", "--key", k1 + ".key", app);
        assertThat(signed.code()).as(signed.err()).isZero();
        assertThat(signed.out()).contains("signed " + registry.host() + "/s/app@" + registry.skopeoDigest("s/app:1"));

        Cli.Result ok = vouch("", "verify", "--format", "json", "--key", k2 + ".pub", "--key", k1 + ".pub", app);
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        JsonNode sig = ok.json().path("signatures").path(0);
        assertThat(sig.path("valid").asBoolean()).isTrue();
        assertThat(sig.path("key").asText()).isEqualTo(k1 + ".pub");
        assertThat(sig.path("dockerReference").asText()).isEqualTo(registry.host() + "/s/app");

        // the other key only: wrong key, exit 1
        Cli.Result other = vouch("", "verify", "--key", k2 + ".pub", app);
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.out()).contains("NOT verified").contains("no given key verifies it (wrong key)");

        // signing twice with two keys keeps both
        assertThat(vouch("pw-two", "sign", "--key", k2 + ".key", app).code()).isZero();
        JsonNode both = vouch("", "verify", "--format", "json", "--key", k2 + ".pub", app)
                .json();
        assertThat(both.path("signatures").size()).isEqualTo(2);

        // the tag moved to another image after signing: nothing signs what it names now
        String appDigest = registry.skopeoDigest("s/app:1");
        copy("s/moved:1", "s/app:1");
        Cli.Result moved = vouch("", "verify", "--key", k1 + ".pub", app);
        assertThat(moved.code()).isEqualTo(1);
        assertThat(moved.out()).contains("no signatures found");
        // and a signature copied onto the new digest's tag signs the old digest, not this image
        copy("s/app:" + appDigest.replace("sha256:", "sha256-") + ".sig", "s/app:" + sigTag("s/app:1"));
        Cli.Result replayed = vouch("", "verify", "--key", k1 + ".pub", app);
        assertThat(replayed.code()).isEqualTo(1);
        assertThat(replayed.out()).contains("signs " + appDigest + ", not this image");

        // the same image in another repository, with the signature copied there: signed for s/app, not s/copy
        copy("s/app:" + appDigest.replace("sha256:", "sha256-") + ".sig", "s/copy:" + sigTag("s/copy:1"));
        Cli.Result elsewhere = vouch("", "verify", "--key", k1 + ".pub", registry.host() + "/s/copy:1");
        assertThat(elsewhere.code()).isEqualTo(1);
        assertThat(elsewhere.out())
                .contains("signed for " + registry.host() + "/s/app, not for " + registry.host() + "/s/copy");
    }

    @Test
    void aLockedTagThatMovesIsReported() throws Exception {
        registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "l/app:1", false);
        registry.push("oci:" + Fixtures.dir().resolve("multi") + ":1", "l/multi:1", true);
        Path lock = work.resolve("vouch.lock");
        String app = registry.host() + "/l/app:1";
        String multi = registry.host() + "/l/multi:1";
        Cli.Result locked = vouch("", "lock", "-o", lock.toString(), app, multi);
        assertThat(locked.code()).as(locked.err()).isZero();
        JsonNode file = new ObjectMapper().readTree(lock.toFile());
        assertThat(file.path("version").asInt()).isEqualTo(1);
        assertThat(file.path("images").path(0).path("reference").asText()).isEqualTo(app);
        assertThat(file.path("images").path(0).path("digest").asText()).isEqualTo(registry.skopeoDigest("l/app:1"));
        // the index is locked with each platform's manifest
        JsonNode platforms = file.path("images").path(1).path("platforms");
        assertThat(platforms.fieldNames()).toIterable().containsExactly("linux/amd64", "linux/arm64/v8");
        Cli.Result same = vouch("", "lock", "--check", "-o", lock.toString());
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).isEqualTo("unchanged " + app + "\nunchanged " + multi + "\n");

        String was = registry.skopeoDigest("l/app:1");
        registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "l/app:1", false);
        String now = registry.skopeoDigest("l/app:1");
        Cli.Result moved = vouch("", "lock", "--check", "-o", lock.toString());
        assertThat(moved.code()).isEqualTo(1);
        assertThat(moved.out())
                .contains("[LK001] " + app + ": tag moved since locked on ")
                .contains("was " + was + ", now " + now);
        // verify --lock fails on the moved tag whatever the signatures say
        Path keys = Files.createDirectories(work.resolve("lock-keys"));
        String k = keys.resolve("k").toString();
        assertThat(vouch("pw", "keygen", "--output-key-prefix", k).code()).isZero();
        assertThat(vouch("pw", "sign", "--key", k + ".key", app).code()).isZero();
        Cli.Result v = vouch("", "verify", "--lock", lock.toString(), "--key", k + ".pub", app);
        assertThat(v.code()).isEqualTo(1);
        assertThat(v.out()).startsWith("[LK001] " + app + ": tag moved since locked on ");
        // a broken lock file: one line naming it
        Path bad = Files.writeString(work.resolve("bad.lock"), "{\"version\": 1, \"images\": [{\"digest\": 3}]}");
        Cli.Result b = vouch("", "lock", "--check", "-o", bad.toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).startsWith("vouch: " + bad);
    }

    @Test
    void aRealKeylessSignatureIsCheckedOfflineAgainstTheTrustedRoot() throws Exception {
        // the keyless layer of containers/image's dir-img-cosign-fulcio-rekor-valid (mitr@redhat.com, public good)
        // attached to an image here: the Fulcio chain, the Rekor SET and the signature verify, and the payload's
        // digest is then rightly not this image's
        Path fixture = Fixtures.corpus(
                "sigstore/containers-image/signature/fixtures/dir-img-cosign-fulcio-rekor-valid/signature-1");
        byte[] raw = Files.readAllBytes(fixture);
        ObjectMapper json = new ObjectMapper();
        JsonNode sig = json.readTree(java.util.Arrays.copyOfRange(raw, 15, raw.length));
        byte[] payload = Base64.getDecoder().decode(sig.path("payload").asText());
        registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "k/app:1", false);
        pushOneLayerArtifact(
                "k/app",
                sigTag("k/app:1"),
                "application/vnd.dev.cosign.simplesigning.v1+json",
                payload,
                sig.path("annotations"));
        String image = registry.host() + "/k/app:1";
        Path root = Fixtures.corpus("sigstore/sigstore-go/examples/trusted-root-public-good.json");
        Cli.Result right = vouch(
                "",
                "verify",
                "--certificate-identity",
                "mitr@redhat.com",
                "--certificate-oidc-issuer",
                "https://github.com/login/oauth",
                "--trusted-root",
                root.toString(),
                image);
        assertThat(right.code()).isEqualTo(1);
        assertThat(right.out())
                .contains(
                        "signs sha256:0489474da8ea22426ece86ace6c1c0026ab2fd3cdfbbd62b7e94650266c37d9a, not this image");
        Cli.Result who = vouch(
                "",
                "verify",
                "--certificate-identity",
                "someone@example.com",
                "--certificate-oidc-issuer",
                "https://github.com/login/oauth",
                "--trusted-root",
                root.toString(),
                image);
        assertThat(who.out())
                .contains("signed by mitr@redhat.com from https://github.com/login/oauth, not someone@example.com");
        Cli.Result keyOnly = vouch(
                "",
                "verify",
                "--key",
                Files.writeString(work.resolve("unused.pub"), "x").toString(),
                image);
        assertThat(keyOnly.code()).isEqualTo(2); // not a key: refused before anything
        Cli.Result noRoot = vouch("", "verify", "--certificate-identity", "a", "--certificate-oidc-issuer", "b", image);
        assertThat(noRoot.code()).isEqualTo(2);
        assertThat(noRoot.err())
                .contains("keyless verification needs Sigstore's trusted root: run vouch trust update (fetches the"
                        + " public-good one through TUF), or give --trusted-root FILE");
    }

    @Test
    void aCosignAttestationIsReadAndItsDsseSignatureChecked() throws Exception {
        registry.push("oci:" + Fixtures.dir().resolve("app") + ":1", "a/app:1", false);
        String digest = registry.skopeoDigest("a/app:1");
        String statement = """
                {"_type": "https://in-toto.io/Statement/v1", "predicateType": "https://slsa.dev/provenance/v1",
                 "subject": [{"name": "a/app", "digest": {"sha256": "%s"}}],
                 "predicate": {"buildDefinition": {"buildType": "https://actions.github.io/buildtypes/workflow/v1",
                     "externalParameters": {"workflow": {"ref": "refs/heads/main", "repository": "https://github.com/example/app",
                                                         "path": ".github/workflows/release.yml"}},
                     "resolvedDependencies": [{"uri": "git+https://github.com/example/app@refs/heads/main",
                                               "digest": {"gitCommit": "0123456789abcdef0123456789abcdef01234567"}}]},
                   "runDetails": {"builder": {"id": "https://github.com/actions/runner/github-hosted"}}}}
                """.replace("%s", digest.substring(7));
        byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
        String type = "application/vnd.in-toto+json";
        byte[] pae =
                ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] signed = java.nio.ByteBuffer.allocate(pae.length + payload.length)
                .put(pae)
                .put(payload)
                .array();
        Path keys = Files.createDirectories(work.resolve("att-keys"));
        String k = keys.resolve("k").toString();
        String other = keys.resolve("other").toString();
        assertThat(vouch("pw", "keygen", "--output-key-prefix", k).code()).isZero();
        assertThat(vouch("pw", "keygen", "--output-key-prefix", other).code()).isZero();
        var priv = dev.vouch.sign.CosignKeys.readPrivate(
                Files.readString(Path.of(k + ".key")), "k.key", "pw"::toCharArray);
        ObjectMapper json = new ObjectMapper();
        var envelope = json.createObjectNode();
        envelope.put("payloadType", type).put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.putArray("signatures")
                .addObject()
                .put("keyid", "")
                .put("sig", dev.vouch.sign.SignatureVerifier.sign(signed, priv));
        byte[] env = json.writeValueAsBytes(envelope);
        pushOneLayerArtifact(
                "a/app",
                digest.replace("sha256:", "sha256-") + ".att",
                "application/vnd.dsse.envelope.v1+json",
                env,
                json.createObjectNode().put("predicateType", "https://slsa.dev/provenance/v1"));

        String image = registry.host() + "/a/app:1";
        Cli.Result r = vouch("", "trace", "--format", "json", "--key", k + ".pub", image);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = r.json().path("attestations").path(0);
        assertThat(a.path("signature").asText()).isEqualTo("verified by " + k + ".pub");
        assertThat(a.path("subjectMatches").asBoolean()).isTrue();
        assertThat(a.path("builderId").asText()).isEqualTo("https://github.com/actions/runner/github-hosted");
        assertThat(a.path("sourceRepository").asText()).isEqualTo("git+https://github.com/example/app@refs/heads/main");
        assertThat(a.path("sourceRevision").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        // the image's label says https://example.invalid/vouch/fixture-app: another repository than the provenance
        List<String> ids = new java.util.ArrayList<>();
        r.json().path("findings").forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).contains("TR010").doesNotContain("TR012", "TR013", "TR009");
        // checked with another key: the attestation's signature does not verify, high
        Cli.Result wrong = vouch("", "trace", "--format", "json", "--key", other + ".pub", image);
        assertThat(wrong.code()).isEqualTo(1);
        List<String> wrongIds = new java.util.ArrayList<>();
        wrong.json().path("findings").forEach(f -> wrongIds.add(f.path("id").asText()));
        assertThat(wrongIds).contains("TR013");
    }

    private static String gpg(Path home, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--batch", "--homedir", home.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String fingerprint(Path home) throws Exception {
        for (String line : gpg(home, "--with-colons", "--list-keys").split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new AssertionError("no key");
    }

    @Test
    void skopeosGpgSimpleSigningIsVerifiedFromLookasideStorage() throws Exception {
        // real signatures: gpg keys, skopeo copy --sign-by writing to a lookaside directory
        Path base = Files.createDirectories(
                Path.of("/tmp/vouch-gpg-" + ProcessHandle.current().pid()));
        try {
            Path home = Files.createDirectories(base.resolve("h1"));
            Path other = Files.createDirectories(base.resolve("h2"));
            java.nio.file.Files.setPosixFilePermissions(
                    home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            java.nio.file.Files.setPosixFilePermissions(
                    other, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            gpg(
                    home,
                    "--passphrase",
                    "",
                    "--quick-gen-key",
                    "vouch test <test@vouch.invalid>",
                    "ed25519",
                    "sign",
                    "never");
            gpg(
                    other,
                    "--passphrase",
                    "",
                    "--quick-gen-key",
                    "someone else <else@vouch.invalid>",
                    "ed25519",
                    "sign",
                    "never");
            String fpr = fingerprint(home);
            Path pub = base.resolve("signer.asc");
            Files.writeString(pub, gpg(home, "--armor", "--export", fpr));
            Path otherPub = base.resolve("other.gpg");
            gpg(
                    other,
                    "--output",
                    otherPub.toString(),
                    "--export",
                    fingerprint(other)); // binary, written by gpg itself
            Path look = Files.createDirectories(base.resolve("lookaside"));
            Path rd = Files.createDirectories(base.resolve("registries.d"));
            Files.writeString(rd.resolve("vouch.yaml"), "default-docker:\n  lookaside-staging: file://" + look + "\n");
            ProcessBuilder copy = new ProcessBuilder(
                            "skopeo",
                            "copy",
                            "-q",
                            "--registries.d",
                            rd.toString(),
                            "--dest-tls-verify=false",
                            "--sign-by",
                            fpr,
                            "oci:" + Fixtures.dir().resolve("app") + ":1",
                            "docker://" + registry.host() + "/g/app:1")
                    .redirectErrorStream(true);
            copy.environment().put("GNUPGHOME", home.toString());
            Process p = copy.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            String image = registry.host() + "/g/app:1";
            String digest = registry.skopeoDigest("g/app:1");
            assertThat(look.resolve("g/app@" + digest.replace(":", "=") + "/signature-1"))
                    .exists();

            Cli.Result ok = vouch(
                    "",
                    "verify",
                    "--format",
                    "json",
                    "--gpg-key",
                    pub.toString(),
                    "--lookaside",
                    "file://" + look,
                    image);
            assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.json().path("signatures").path(0).path("key").asText())
                    .isEqualTo("gpg " + fpr);
            assertThat(ok.json()
                            .path("signatures")
                            .path(0)
                            .path("dockerReference")
                            .asText())
                    .isEqualTo(image);
            // another key (binary export): wrong key
            Cli.Result wrong =
                    vouch("", "verify", "--gpg-key", otherPub.toString(), "--lookaside", look.toString(), image);
            assertThat(wrong.code()).isEqualTo(1);
            assertThat(wrong.out()).contains("no given key verifies it (wrong key)");
            // the signature copied to another image's digest: it signs the first one
            registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "g/other:1", false);
            String otherDigest = registry.skopeoDigest("g/other:1");
            Path target = Files.createDirectories(look.resolve("g/other@" + otherDigest.replace(":", "=")));
            Files.copy(
                    look.resolve("g/app@" + digest.replace(":", "=") + "/signature-1"), target.resolve("signature-1"));
            Cli.Result moved = vouch(
                    "",
                    "verify",
                    "--gpg-key",
                    pub.toString(),
                    "--lookaside",
                    look.toString(),
                    registry.host() + "/g/other:1");
            assertThat(moved.code()).isEqualTo(1);
            assertThat(moved.out()).contains("signs " + digest + ", not this image");
        } finally {
            for (String h : List.of("h1", "h2")) {
                new ProcessBuilder("gpgconf", "--homedir", base.resolve(h).toString(), "--kill", "all")
                        .start()
                        .waitFor();
            }
            try (var walk = Files.walk(base)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(f -> f.toFile().delete());
            }
        }
    }

    /** {@code verb --format json IMAGE} checking keyless signatures as cody@soyland.com's (cosign's test data). */
    private static Cli.Result asCody(String verb, String image) {
        return vouch(
                "",
                verb,
                "--format",
                "json",
                "--certificate-identity",
                "cody@soyland.com",
                "--certificate-oidc-issuer",
                "https://github.com/login/oauth",
                "--trusted-root",
                Fixtures.corpus("sigstore/cosign/pkg/cosign/testdata/trusted_root_pgi.json")
                        .toString(),
                image);
    }

    @Test
    void sigstoreBundlesAttachedAsReferrersAreFoundAndChecked() throws Exception {
        // cosign's new-format bundle (for another image's digest) attached to an image here through the referrers
        // tag fallback this registry needs: found, checked against the trusted root, and refused for its subject
        registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "r/app:1", false);
        String digest = registry.skopeoDigest("r/app:1");
        byte[] bundle = Files.readAllBytes(
                Fixtures.corpus("sigstore/cosign/pkg/cosign/testdata/oci-attestation.sigstore.json"));
        ObjectMapper json = new ObjectMapper();
        String bundleDigest = registry.putBlob("r/app", bundle);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        String emptyDigest = registry.putBlob("r/app", empty);
        var m = json.createObjectNode();
        m.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        m.putObject("config")
                .put("mediaType", "application/vnd.oci.empty.v1+json")
                .put("digest", emptyDigest)
                .put("size", 2);
        m.putArray("layers")
                .addObject()
                .put("mediaType", "application/vnd.dev.sigstore.bundle.v0.3+json")
                .put("digest", bundleDigest)
                .put("size", bundle.length);
        m.putObject("subject")
                .put("mediaType", "application/vnd.docker.distribution.manifest.v2+json")
                .put("digest", digest)
                .put("size", registry.skopeoRaw("r/app:1").length);
        byte[] mBytes = json.writeValueAsBytes(m);
        String mDigest = "sha256:"
                + java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(mBytes));
        registry.putManifest("r/app", mDigest, "application/vnd.oci.image.manifest.v1+json", mBytes);
        var index = json.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.putArray("manifests")
                .addObject()
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json")
                .put("digest", mDigest)
                .put("size", mBytes.length)
                .put("artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json");
        registry.putManifest(
                "r/app",
                digest.replace(":", "-"),
                "application/vnd.oci.image.index.v1+json",
                json.writeValueAsBytes(index));

        String image = registry.host() + "/r/app:1";
        Cli.Result keyless = asCody("verify", image);
        assertThat(keyless.code()).isEqualTo(1);
        JsonNode check = keyless.json().path("signatures").path(0);
        assertThat(check.path("source").asText()).isEqualTo(registry.host() + "/r/app@" + mDigest);
        assertThat(check.path("valid").asBoolean()).isFalse();
        assertThat(check.path("reason").asText()).isNotBlank();
        Path keys = Files.createDirectories(work.resolve("ref-keys"));
        assertThat(vouch(
                                "pw",
                                "keygen",
                                "--output-key-prefix",
                                keys.resolve("k").toString())
                        .code())
                .isZero();
        Cli.Result keyOnly = vouch("", "verify", "--key", keys.resolve("k.pub").toString(), image);
        assertThat(keyOnly.out())
                .contains("a Sigstore bundle: give --certificate-identity and --certificate-oidc-issuer");
        // trace lists it as an attestation: its statement read, its keyless signature checked when asked
        JsonNode traced = vouch("", "trace", "--format", "json", image).json();
        JsonNode att = traced.path("attestations").path(0);
        assertThat(att.path("predicateType").asText()).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
        assertThat(att.path("subjectMatches").asBoolean()).isFalse();
        assertThat(att.path("signature").asText()).startsWith("signed keylessly; give --certificate-identity");
        JsonNode checked = asCody("trace", image).json();
        assertThat(checked.path("attestations").path(0).path("signature").asText())
                .startsWith("no given key verifies it (keyless:");
        List<String> ids = new java.util.ArrayList<>();
        checked.path("findings").forEach(f -> ids.add(f.path("id").asText()));
        assertThat(ids).contains("TR013");
    }

    @Test
    void anOciLayoutIsSignedInPlaceAndStaysReadable() throws Exception {
        Path layout = work.resolve("layout");
        run("cp", "-r", Fixtures.dir().resolve("debian").toString(), layout.toString());
        Path keys = Files.createDirectories(work.resolve("layout-keys"));
        String k = keys.resolve("k").toString();
        String other = keys.resolve("o").toString();
        assertThat(vouch("pw", "keygen", "--output-key-prefix", k).code()).isZero();
        assertThat(vouch("pw", "keygen", "--output-key-prefix", other).code()).isZero();
        String image = "oci:" + layout + ":bookworm";
        Cli.Result signed = vouch("pw", "sign", "--key", k + ".key", image);
        assertThat(signed.code()).as(signed.err()).isZero();
        Cli.Result ok = vouch("", "verify", "--format", "json", "--key", k + ".pub", image);
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.json().path("signatures").path(0).path("dockerReference").asText())
                .isEqualTo(image);
        Cli.Result no = vouch("", "verify", "--key", other + ".pub", image);
        assertThat(no.code()).isEqualTo(1);
        assertThat(no.out()).contains("wrong key");
        // the layout still works for everyone: skopeo reads the image and the signature manifest
        String digest = ok.json().path("digest").asText();
        run("skopeo", "inspect", "--raw", "oci:" + layout + ":bookworm");
        assertThat(run("skopeo", "inspect", "--raw", "oci:" + layout + ":" + digest.replace(":", "-") + ".sig"))
                .contains("dev.cosignproject.cosign/signature");
        assertThat(vouch("", "inspect", image).code()).isZero();
    }

    @Test
    void opensslKeysSignAndOpensslVerifiesVouchsSignature() throws Exception {
        Path dir = Files.createDirectories(work.resolve("openssl"));
        String sec1 = dir.resolve("ec.pem").toString();
        String pkcs8 = dir.resolve("pk8.pem").toString();
        String pub = dir.resolve("pub.pem").toString();
        run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1);
        run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", sec1, "-out", pkcs8);
        run("openssl", "ec", "-in", sec1, "-pubout", "-out", pub);
        registry.push("oci:" + Fixtures.dir().resolve("debian") + ":bookworm", "s/pem:1", false);
        String image = registry.host() + "/s/pem:1";
        for (String key : List.of(sec1, pkcs8)) {
            Cli.Result s = vouch("", "sign", "--key", key, image);
            assertThat(s.code()).as(s.err()).isZero();
        }
        Cli.Result v = vouch("", "verify", "--format", "json", "--key", pub, image);
        assertThat(v.code()).as(v.out()).isZero();
        assertThat(v.json().path("signatures").size()).isEqualTo(2);
        // openssl checks what vouch pushed: the payload blob and the annotation's signature
        JsonNode manifest = new ObjectMapper().readTree(registry.skopeoRaw("s/pem:" + sigTag("s/pem:1")));
        JsonNode layer = manifest.path("layers").path(0);
        HttpResponse<byte[]> blob = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/s/pem/blobs/"
                                        + layer.path("digest").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        Path payload = Files.write(dir.resolve("payload.json"), blob.body());
        Path signature = Files.write(
                dir.resolve("sig.der"),
                Base64.getDecoder()
                        .decode(layer.path("annotations")
                                .path("dev.cosignproject.cosign/signature")
                                .asText()));
        assertThat(run(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        pub,
                        "-signature",
                        signature.toString(),
                        payload.toString()))
                .contains("Verified OK");
        assertThat(new ObjectMapper()
                        .readTree(blob.body())
                        .path("critical")
                        .path("type")
                        .asText())
                .isEqualTo("cosign container image signature");
    }
}
