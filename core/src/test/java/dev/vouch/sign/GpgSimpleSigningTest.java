package dev.vouch.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** containers/image's simple-signing fixtures (signed with gpg by its authors) checked here. */
class GpgSimpleSigningTest {
    private static Path fixtures() {
        return dev.vouch.SharedCorpora.path("sigstore/containers-image/signature/fixtures");
    }

    private static SignatureCheck check(String signature, String key, String manifest, String repository)
            throws Exception {
        Path f = fixtures();
        return GpgSimpleSigning.check(
                signature,
                Files.readAllBytes(f.resolve(signature)),
                GpgSimpleSigning.keys(Files.readAllBytes(f.resolve(key)), key),
                List.of(Digest.sha256(Files.readAllBytes(f.resolve(manifest)))),
                repository);
    }

    @Test
    void theFixturesVerifyOrFailForTheirReason() throws Exception {
        SignatureCheck valid = check("image.signature", "public-key.gpg", "image.manifest.json", "testing/manifest");
        assertThat(valid.valid()).as(valid.reason()).isTrue();
        assertThat(valid.key()).startsWith("gpg ");
        assertThat(valid.dockerReference()).isEqualTo("testing/manifest");
        // the directory images signed for the same manifest
        SignatureCheck dir =
                check("dir-img-valid/signature-1", "public-key.gpg", "dir-img-valid/manifest.json", "testing/manifest");
        assertThat(dir.valid()).as(dir.reason()).isTrue();
        // a key that did not sign it
        assertThat(check("image.signature", "public-key-2.gpg", "image.manifest.json", "testing/manifest")
                        .reason())
                .isEqualTo("no given key verifies it (wrong key)");
        // the manifest changed after signing
        assertThat(check(
                                "dir-img-modified-manifest/signature-1",
                                "public-key.gpg",
                                "dir-img-modified-manifest/manifest.json",
                                "testing/manifest")
                        .reason())
                .contains("not this image");
        // another repository
        assertThat(check("image.signature", "public-key.gpg", "image.manifest.json", "testing/other")
                        .reason())
                .isEqualTo("signed for testing/manifest, not for testing/other");
        // corrupt and invalid messages: said so, never an exception
        assertThat(check("corrupt.signature", "public-key.gpg", "image.manifest.json", "testing/manifest")
                        .valid())
                .isFalse();
        assertThat(check("invalid-blob.signature", "public-key.gpg", "image.manifest.json", "testing/manifest")
                        .valid())
                .isFalse();
        // a subkey's signature verifies with the key that holds it
        SignatureCheck sub = check(
                "dir-img-valid-subkey/signature-1",
                "public-key-with-subkey.gpg",
                "dir-img-valid-subkey/manifest.json",
                "testing/manifest");
        assertThat(sub.valid()).as(sub.reason()).isTrue();
    }
}
