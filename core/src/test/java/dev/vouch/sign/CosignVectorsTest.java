package dev.vouch.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cosign simple-signing vectors of ../shared/corpora/sigstore/cosign-simple-signing (signatures cosign made, from
 * containers/image's fixtures): each case verifies, or fails, as its EXPECTED file says.
 */
class CosignVectorsTest {
    private static Path corpus() {
        return dev.vouch.SharedCorpora.path("sigstore/cosign-simple-signing");
    }

    @Test
    void everyCaseVerifiesOrFailsAsExpected() throws IOException {
        List<String> got = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Stream<Path> cases = Files.list(corpus())) {
            for (Path c : cases.sorted().toList()) {
                byte[] payload = Files.readAllBytes(c.resolve("payload.json"));
                String signature = Files.readString(c.resolve("signature.b64")).strip();
                var key = new SignatureVerifier.NamedKey(
                        "key.pub", CosignKeys.readPublic(Files.readString(c.resolve("key.pub")), "key.pub"));
                Digest manifest = Digest.sha256(Files.readAllBytes(c.resolve("manifest.json")));
                SignatureCheck check = SignatureVerifier.check(
                        c.getFileName().toString(), payload, signature, List.of(key), List.of(manifest), null);
                got.add(c.getFileName() + " " + (check.valid() ? "PASS" : "FAIL"));
                String want = Files.readString(c.resolve("EXPECTED"), StandardCharsets.UTF_8);
                expected.add(c.getFileName() + " " + want.substring(0, 4));
            }
        }
        assertThat(got).hasSize(6).isEqualTo(expected);
        assertThat(got).filteredOn(s -> s.endsWith("PASS")).hasSize(3);
    }

    @Test
    void theFailuresFailForTheirReason() throws IOException {
        Path c = corpus().resolve("modified-manifest");
        var key = new SignatureVerifier.NamedKey(
                "key.pub", CosignKeys.readPublic(Files.readString(c.resolve("key.pub")), "key.pub"));
        SignatureCheck check = SignatureVerifier.check(
                "modified-manifest",
                Files.readAllBytes(c.resolve("payload.json")),
                Files.readString(c.resolve("signature.b64")).strip(),
                List.of(key),
                List.of(Digest.sha256(Files.readAllBytes(c.resolve("manifest.json")))),
                null);
        assertThat(check.reason()).startsWith("signs sha256:").contains("not this image");
        Path w = corpus().resolve("wrong-key");
        SignatureCheck wrong = SignatureVerifier.check(
                "wrong-key",
                Files.readAllBytes(w.resolve("payload.json")),
                Files.readString(w.resolve("signature.b64")).strip(),
                List.of(new SignatureVerifier.NamedKey(
                        "key.pub", CosignKeys.readPublic(Files.readString(w.resolve("key.pub")), "key.pub"))),
                List.of(Digest.sha256(Files.readAllBytes(w.resolve("manifest.json")))),
                null);
        assertThat(wrong.reason()).isEqualTo("no given key verifies it (wrong key)");
        // the payload names its repository; another one is refused
        assertThat(SignatureVerifier.sameRepository(
                        "192.168.64.2:5000/cosign-signed-single-sample",
                        "192.168.64.2:5000/cosign-signed-single-sample:latest"))
                .isTrue();
        assertThat(SignatureVerifier.sameRepository(
                        "192.168.64.2:5000/cosign-signed-single-sample", "192.168.64.2:5000/other"))
                .isFalse();
        assertThat(SignatureVerifier.sameRepository("nginx", "docker.io/library/nginx"))
                .isTrue();
    }
}
