package dev.vouch.sign.dct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.cache.TrustCache;
import dev.vouch.image.Descriptor;
import dev.vouch.image.Digest;
import dev.vouch.image.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker Content Trust client against a Notary server made in test code: what verifies, and each way trust data
 * can be wrong, with its own reason. (ContentTrustTest in the CLI checks signatures docker itself made against a
 * real notary-server.)
 */
class DctVerifierTest {
    @TempDir
    Path cacheDir;

    NotaryRepo repo;
    final byte[] manifest = "{\"schemaVersion\":2,\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
    final Descriptor served =
            Descriptor.of("application/vnd.oci.image.manifest.v1+json", Digest.sha256(manifest), manifest.length);

    @BeforeEach
    void start() throws Exception {
        repo = new NotaryRepo();
        repo.releases.put("1", new Object[] {served.digest().hex(), (long) manifest.length});
        repo.targets.put("0", new Object[] {served.digest().hex(), (long) manifest.length});
        repo.publish();
    }

    @AfterEach
    void stop() {
        repo.close();
    }

    private DctResult verify(String tag) throws Exception {
        return verify(tag, DctVerifier.Pins.none());
    }

    private DctResult verify(String tag, DctVerifier.Pins pins) throws Exception {
        NotaryEndpoint ep = NotaryEndpoint.of(ImageRef.parse(repo.gun + ":" + tag), repo.url(), null, Map.of());
        return new DctVerifier(ep, new TrustCache(cacheDir), pins, Instant.now()).verify(tag, served);
    }

    @Test
    void aTagSignedInReleasesOrInTargetsVerifiesAndTheRootIsRemembered() throws Exception {
        DctResult first = verify("1");
        assertThat(first.status()).as(first.reason()).isEqualTo(DctResult.Status.VERIFIED);
        assertThat(first.role()).isEqualTo("targets/releases");
        assertThat(first.signedDigest()).isEqualTo(served.digest().toString());
        assertThat(first.rootTrust()).isEqualTo("trusted on first use now");
        assertThat(first.rootKeyIds()).containsExactly(repo.root.id);
        DctResult top = verify("0");
        assertThat(top.status()).isEqualTo(DctResult.Status.VERIFIED);
        assertThat(top.role()).isEqualTo("targets");
        assertThat(top.rootTrust()).isEqualTo("remembered");
        DctResult none = verify("2");
        assertThat(none.status()).isEqualTo(DctResult.Status.NOT_SIGNED);
        assertThat(none.reason())
                .isEqualTo(
                        "no trust data for tag 2 (the repository has trust data, but this tag was" + " never signed)");
    }

    @Test
    void aRepositoryWithoutTrustDataIsNotSigned() throws Exception {
        repo.files.clear();
        DctResult r = verify("1");
        assertThat(r.status()).isEqualTo(DctResult.Status.NOT_SIGNED);
        assertThat(r.reason()).isEqualTo("no trust data for " + repo.gun + " on " + repo.url() + " (never signed)");
    }

    @Test
    void aTargetForOtherBytesIsRefused() throws Exception {
        repo.releases.put("1", new Object[] {"ab".repeat(32), (long) manifest.length});
        repo.publish();
        DctResult r = verify("1");
        assertThat(r.status()).isEqualTo(DctResult.Status.INVALID);
        assertThat(r.reason())
                .isEqualTo("the registry serves " + served.digest() + " for tag 1, but targets/releases signs sha256:"
                        + "ab".repeat(32) + ": the tag was pushed again without signing, or the signed image was"
                        + " replaced");
        repo.releases.put("1", new Object[] {served.digest().hex(), (long) manifest.length + 1});
        repo.version = 2;
        repo.publish();
        assertThat(verify("1").reason())
                .isEqualTo("targets/releases signs a manifest of " + (manifest.length + 1) + " bytes for tag 1, the"
                        + " registry's is " + manifest.length);
    }

    @Test
    void aDelegationMayOnlySignItsPaths() throws Exception {
        repo.releasesPaths = List.of("v");
        repo.publish();
        DctResult r = verify("1");
        assertThat(r.status()).isEqualTo(DctResult.Status.INVALID);
        assertThat(r.reason())
                .isEqualTo("targets/releases signs tag 1 but may not: its delegation allows only paths [v]");
    }

    @Test
    void anExpiredTimestampIsRefused() throws Exception {
        repo.timestampExpires = Instant.now().minusSeconds(60);
        repo.publish();
        assertThat(verify("1").reason()).startsWith("timestamp.json expired on ");
    }

    @Test
    void aThresholdNotMetIsRefused() throws Exception {
        repo.targetsThreshold = 2;
        repo.publish();
        // one key listed, threshold 2: the root itself is malformed
        assertThat(verify("1").reason()).isEqualTo("the targets role has threshold 2 over 1 key(s)");
    }

    @Test
    void aTamperedByteIsRefused() throws Exception {
        byte[] targets = repo.files.get("targets");
        String text = new String(targets, StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":7");
        repo.files.put("targets", text.getBytes(StandardCharsets.UTF_8));
        assertThat(verify("1").reason()).isEqualTo("targets.json does not have the sha256 that snapshot.json lists");
        // a changed timestamp: its signature no longer verifies
        repo.publish();
        String ts = new String(repo.files.get("timestamp"), StandardCharsets.UTF_8)
                .replace("\"version\":1", "\"version\":5");
        repo.files.put("timestamp", ts.getBytes(StandardCharsets.UTF_8));
        assertThat(verify("1").reason())
                .isEqualTo(
                        "timestamp.json: 0 valid signature(s) of the 1 the timestamp role needs (the signature by key "
                                + repo.timestampKey.id.substring(0, 12) + " does not verify)");
    }

    @Test
    void olderMetadataThanSeenBeforeIsARollback() throws Exception {
        Map<String, byte[]> old = new java.util.HashMap<>(repo.files);
        repo.version = 2;
        repo.publish();
        assertThat(verify("1").status()).isEqualTo(DctResult.Status.VERIFIED);
        repo.files.putAll(old);
        assertThat(verify("1").reason())
                .isEqualTo("rollback: timestamp.json is version 1, older than version 2 seen before");
    }

    @Test
    void aNewRootMustBeSignedByTheTrustedOne() throws Exception {
        assertThat(verify("1").rootTrust()).isEqualTo("trusted on first use now");
        NotaryRepo.Key old = repo.root;
        // the server's data replaced by a new root nobody trusted signed
        repo.root = NotaryRepo.Key.ecdsa();
        repo.rootVersion = 2;
        repo.publish();
        DctResult r = verify("1");
        assertThat(r.status()).isEqualTo(DctResult.Status.INVALID);
        assertThat(r.reason())
                .startsWith("the root of " + repo.gun + " changed without a valid rotation: the trusted root keys did"
                        + " not sign the new root");
        // a rotation: the new root signed by the old root key too
        repo.alsoSignRoot.add(old);
        repo.publish();
        DctResult rotated = verify("1");
        assertThat(rotated.status()).as(rotated.reason()).isEqualTo(DctResult.Status.VERIFIED);
        assertThat(rotated.rootTrust()).isEqualTo("rotated");
        assertThat(verify("1").rootTrust()).isEqualTo("remembered");
        // and a root that goes back to version 1 is refused even if signed
        repo.rootVersion = 1;
        repo.publish();
        assertThat(verify("1").reason())
                .contains("changed without a valid rotation: version 1 replaces the trusted" + " version 2");
    }

    @Test
    void aPinnedRootKeyMustSignTheRoot() throws Exception {
        DctResult pinned = verify("1", new DctVerifier.Pins(List.of(), List.of(repo.root.id)));
        assertThat(pinned.status()).isEqualTo(DctResult.Status.VERIFIED);
        assertThat(pinned.rootTrust()).isEqualTo("pinned");
        DctResult other = verify("1", new DctVerifier.Pins(List.of(), List.of("0".repeat(64))));
        assertThat(other.status()).isEqualTo(DctResult.Status.INVALID);
        assertThat(other.reason())
                .isEqualTo("the root of " + repo.gun + " is not signed by the pinned root key (its root keys: "
                        + repo.root.id + ")");
    }

    @Test
    void hostileDocumentsAreRefusedWithTheirReason() throws Exception {
        // a key whose id is not its own
        String root = new String(repo.files.get("root"), StandardCharsets.UTF_8);
        repo.files.put(
                "root", root.replace(repo.timestampKey.id, "f".repeat(64)).getBytes(StandardCharsets.UTF_8));
        assertThat(verify("1").reason()).contains("key " + "f".repeat(64) + " has the id " + repo.timestampKey.id);
        // a duplicate key, which two parsers could read two ways
        repo.files.put("root", "{\"signed\":{\"_type\":\"Root\"},\"signed\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(verify("1").reason()).startsWith("root.json is not valid JSON: Duplicate field 'signed'");
        // a root larger than any real one
        repo.files.put("root", new byte[(2 << 20) + 1]);
        assertThat(verify("1").reason()).isEqualTo("root.json from " + repo.url() + " is larger than 2097152 bytes");
        // a snapshot longer than the timestamp says
        repo.files.remove("root");
        repo.publish();
        repo.files.put(
                "snapshot",
                (new String(repo.files.get("snapshot"), StandardCharsets.UTF_8) + " ")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(verify("1").reason())
                .endsWith("is larger than " + (repo.files.get("snapshot").length - 1) + " bytes");
    }

    @Test
    void rsaPssDelegationKeysAndRootsPinnedByTheirPublicKeyVerify() throws Exception {
        repo.releasesKey = NotaryRepo.Key.rsa();
        repo.publish();
        DctResult r = verify("1", new DctVerifier.Pins(List.of(repo.root.ec.getPublic()), List.of()));
        assertThat(r.status()).as(r.reason()).isEqualTo(DctResult.Status.VERIFIED);
        assertThat(r.role()).isEqualTo("targets/releases");
        assertThat(r.rootTrust()).isEqualTo("pinned");
        DctResult other = verify(
                "1", new DctVerifier.Pins(List.of(NotaryRepo.Key.ecdsa().ec.getPublic()), List.of()));
        assertThat(other.reason()).startsWith("the root of " + repo.gun + " is not signed by the pinned root key");
    }
}
