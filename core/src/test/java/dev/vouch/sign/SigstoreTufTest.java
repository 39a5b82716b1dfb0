package dev.vouch.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import java.net.URI;
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
 * The Sigstore trusted root through TUF, from a TUF repository served on loopback (made in test code): the first
 * fetch, a root rotation, and each way an update must fail (an expired timestamp, a rollback, a target whose hash
 * does not match, a root the trusted one did not sign).
 */
class SigstoreTufTest {
    @TempDir
    Path dir;

    TufRepo repo;
    Path initialRoot;

    @BeforeEach
    void start() throws Exception {
        repo = new TufRepo().publish();
        initialRoot = dir.resolve("root.json");
        Files.write(initialRoot, repo.files.get("1.root.json"));
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    private SigstoreTuf.Status update() throws Exception {
        return SigstoreTuf.update(dir.resolve("cache"), URI.create(repo.url()), initialRoot);
    }

    @Test
    void theFirstFetchVerifiesAndCachesTheTrustedRoot() throws Exception {
        assertThat(SigstoreTuf.status(dir.resolve("cache"), URI.create(repo.url()))
                        .trustedRoot())
                .isNull();
        SigstoreTuf.Status s = update();
        assertThat(s.trustedRoot()).exists();
        assertThat(Files.readAllBytes(s.trustedRoot())).isEqualTo(repo.trustedRoot);
        assertThat(s.rootVersion()).isEqualTo(1);
        assertThat(s.timestampExpires()).isEqualTo(repo.timestampExpires);
        assertThat(s.fetched()).isAfter(Instant.now().minusSeconds(60));
        // the status reads the same without fetching
        assertThat(SigstoreTuf.status(dir.resolve("cache"), URI.create(repo.url()))
                        .rootVersion())
                .isEqualTo(1);
    }

    @Test
    void aRotatedRootSignedByTheTrustedOneIsFollowed() throws Exception {
        update();
        TufRepo.Key old = repo.root;
        repo.root = new TufRepo.Key();
        repo.rootVersion = 2;
        repo.version = 2;
        repo.alsoSignRoot.add(old);
        repo.publish();
        assertThat(update().rootVersion()).isEqualTo(2);
    }

    @Test
    void aNewRootTheTrustedOneDidNotSignIsRefused() throws Exception {
        update();
        repo.root = new TufRepo.Key();
        repo.rootVersion = 2;
        repo.publish();
        assertThatThrownBy(this::update)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the Sigstore TUF repository " + repo.url() + " does not verify: The role has not been"
                        + " signed by enough keys. [Theshold: 1, Actual: 0]");
        assertThat(SigstoreTuf.status(dir.resolve("cache"), URI.create(repo.url()))
                        .rootVersion())
                .isEqualTo(1);
    }

    @Test
    void anExpiredTimestampIsRefused() throws Exception {
        repo.timestampExpires = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        repo.publish();
        assertThatThrownBy(this::update)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not verify: Trusted metadata is expired");
    }

    @Test
    void olderMetadataThanCachedIsARollback() throws Exception {
        Map<String, byte[]> old = new HashMap<>(repo.files);
        repo.version = 2;
        repo.publish();
        update();
        repo.files.putAll(old);
        assertThatThrownBy(this::update)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("does not verify: Expected version 2 or higher but found version 1");
    }

    @Test
    void aTargetWhoseHashDoesNotMatchIsNotCached() throws Exception {
        repo.files.replaceAll((name, bytes) ->
                name.startsWith("targets/") ? "{\"tlogs\":[]}".getBytes(StandardCharsets.UTF_8) : bytes);
        assertThatThrownBy(this::update)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not verify");
        assertThat(SigstoreTuf.status(dir.resolve("cache"), URI.create(repo.url()))
                        .trustedRoot())
                .isNull();
    }
}
