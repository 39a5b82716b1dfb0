package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vouch trust update|status} against a TUF repository served on loopback (made in test code, as Sigstore's
 * is laid out): the first fetch, a root rotation, each way an update must fail (a root the trusted one did not sign,
 * an expired timestamp, a rollback, a target whose hash differs), and keyless verification without --trusted-root
 * reading the cached trusted root.
 */
class TrustCommandTest {
    @TempDir
    Path dir;

    TufRepo repo;
    Map<String, String> env;
    Path initialRoot;

    @BeforeEach
    void start() throws Exception {
        repo = new TufRepo().publish();
        initialRoot = dir.resolve("root.json");
        Files.write(initialRoot, repo.files.get("1.root.json"));
        env = new HashMap<>(Cli.freshUser(dir.resolve("home")));
        env.put("VOUCH_TUF_URL", repo.url());
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    private Cli.Result update() {
        return Cli.runIn(env, "", "trust", "update", "--tuf-root", initialRoot.toString());
    }

    @Test
    void theFirstFetchCachesTheTrustedRootAndStatusSaysWhichAndHowOld() {
        Cli.Result none = Cli.runIn(env, "", "trust", "status");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).isEqualTo(repo.url() + ": no trusted root cached (vouch trust update fetches it)\n");
        Cli.Result first = update();
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .startsWith(repo.url() + ": trusted root ")
                .contains("fetched 0 minute(s) ago; TUF root version 1 (expires ")
                .endsWith("timestamp expires " + repo.timestampExpires + "\n");
        Cli.Result status = Cli.runIn(env, "", "trust", "status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).isEqualTo(first.out());
    }

    @Test
    void aRotationIsFollowedAndARootTheTrustedOneDidNotSignIsRefused() throws Exception {
        assertThat(update().code()).isZero();
        TufRepo.Key old = repo.root;
        repo.root = new TufRepo.Key();
        repo.rootVersion = 2;
        repo.version = 2;
        repo.alsoSignRoot.add(old);
        repo.publish();
        Cli.Result rotated = update();
        assertThat(rotated.code()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("TUF root version 2");
        // version 3 signed by a key nobody trusted
        repo.root = new TufRepo.Key();
        repo.rootVersion = 3;
        repo.alsoSignRoot.clear();
        repo.publish();
        Cli.Result refused = update();
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.errorLine())
                .isEqualTo("vouch: the Sigstore TUF repository " + repo.url() + " does not verify: The role has not"
                        + " been signed by enough keys. [Theshold: 1, Actual: 0]");
        assertThat(Cli.runIn(env, "", "trust", "status").out()).contains("TUF root version 2");
    }

    @Test
    void anExpiredTimestampARollbackAndAWrongTargetAreRefused() throws Exception {
        Map<String, byte[]> first = new HashMap<>(repo.files);
        repo.version = 2;
        repo.publish();
        assertThat(update().code()).isZero();
        repo.files.putAll(first);
        assertThat(update().errorLine()).endsWith("does not verify: Expected version 2 or higher but found version 1");

        repo.version = 3;
        repo.timestampExpires = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        repo.publish();
        assertThat(update().errorLine()).contains("does not verify: Trusted metadata is expired");

        repo.version = 4;
        repo.timestampExpires = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        repo.trustedRoot = "{\"tlogs\":[],\"certificateAuthorities\":[]}".getBytes(StandardCharsets.UTF_8);
        repo.publish();
        repo.files.replaceAll(
                (name, bytes) -> name.startsWith("targets/") ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
        assertThat(update().errorLine())
                .contains("does not verify: The hashes for trusted_root.json did not match expectations");
    }

    @Test
    void keylessVerificationWithoutAFileUsesTheCachedTrustedRoot() throws Exception {
        Path cases = Fixtures.corpus("sigstore/conformance/test/assets/bundle-verify");
        repo.trustedRoot =
                Files.readAllBytes(Fixtures.corpus("sigstore/sigstore-go/examples/trusted-root-public-good.json"));
        repo.publish();
        Files.write(initialRoot, repo.files.get("1.root.json"));
        String[] verify = {
            "verify-blob",
            cases.resolve("a.txt").toString(),
            "--bundle",
            cases.resolve("happy-path-v0.3/bundle.sigstore.json").toString(),
            "--certificate-identity",
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
                    + "extremely-dangerous-oidc-beacon.yml@refs/heads/main",
            "--certificate-oidc-issuer",
            "https://token.actions.githubusercontent.com"
        };
        Cli.Result before = Cli.runIn(env, "", verify);
        assertThat(before.code()).isEqualTo(2);
        assertThat(before.errorLine()).contains("run vouch trust update");
        assertThat(update().code()).isZero();
        Cli.Result after = Cli.runIn(env, "", verify);
        assertThat(after.code()).as(after.out() + after.err()).isZero();
        assertThat(after.err())
                .contains("vouch: keyless verification with the trusted root fetched through TUF from " + repo.url()
                        + " 0 minute(s) ago");
    }
}
