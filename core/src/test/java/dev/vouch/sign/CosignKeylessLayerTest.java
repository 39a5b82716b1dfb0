package dev.vouch.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vouch.image.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real keyless cosign image signature (containers/image's dir-img-cosign-fulcio-rekor-valid: Fulcio certificate for
 * mitr@redhat.com via GitHub, Rekor SET, January 2023, public-good instance) verified offline against the public-good
 * trusted root after rewriting it as a Sigstore bundle.
 */
class CosignKeylessLayerTest {
    private static Path shared(String rel) {
        return dev.vouch.SharedCorpora.path("sigstore/" + rel);
    }

    @Test
    void theFulcioRekorFixtureVerifiesForItsSignerOnly() throws Exception {
        Path dir = shared("containers-image/signature/fixtures/dir-img-cosign-fulcio-rekor-valid");
        byte[] raw = Files.readAllBytes(dir.resolve("signature-1"));
        // containers/image's on-disk form: "\0sigstore-json\n" then {mimeType, payload, annotations}
        JsonNode sig = new ObjectMapper().readTree(Arrays.copyOfRange(raw, 15, raw.length));
        byte[] payload = Base64.getDecoder().decode(sig.path("payload").asText());
        Map<String, String> annotations = new LinkedHashMap<>();
        sig.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        assertThat(CosignKeylessLayer.isKeyless(annotations)).isTrue();
        String sigB64 = annotations.get("dev.cosignproject.cosign/signature");
        var root = KeylessBundles.TrustedRoot.read(shared("sigstore-go/examples/trusted-root-public-good.json"));
        KeylessCheck ok = LegacyKeylessVerifier.verify(
                "signature-1",
                payload,
                sigB64,
                annotations,
                root,
                IdentityPolicy.of("mitr@redhat.com", null, "https://github.com/login/oauth", null));
        assertThat(ok.valid()).as(ok.reason()).isTrue();
        assertThat(ok.identity()).isEqualTo("mitr@redhat.com");
        // the payload signs the fixture's manifest
        assertThat(SimpleSigning.parse(payload, "payload").manifestDigest())
                .isEqualTo(Digest.sha256(Files.readAllBytes(dir.resolve("manifest.json"))));
        // another signer, another issuer, a regexp that does not match: refused with the reason
        for (IdentityPolicy other : List.of(
                IdentityPolicy.of("someone@example.com", null, "https://github.com/login/oauth", null),
                IdentityPolicy.of("mitr@redhat.com", null, "https://accounts.google.com", null),
                IdentityPolicy.of(null, ".*@example\\.com", null, ".*"))) {
            KeylessCheck no = LegacyKeylessVerifier.verify("signature-1", payload, sigB64, annotations, root, other);
            assertThat(no.valid()).as(other.toString()).isFalse();
            assertThat(no.reason()).isNotBlank();
        }
        // a payload changed after signing
        byte[] changed = payload.clone();
        changed[20] ^= 1;
        assertThat(LegacyKeylessVerifier.verify(
                                "signature-1",
                                changed,
                                sigB64,
                                annotations,
                                root,
                                IdentityPolicy.of("mitr@redhat.com", null, "https://github.com/login/oauth", null))
                        .valid())
                .isFalse();
    }

    @Test
    void cosignsNewBundleFormatVerifiesAgainstTheImageDigestItNames() throws Exception {
        // cosign's own test data: a DSSE bundle (attestation) for the image 127.0.0.1:60943/repo@sha256:7321…
        String bundle = Files.readString(shared("cosign/pkg/cosign/testdata/oci-attestation.sigstore.json"));
        var root = KeylessBundles.TrustedRoot.read(shared("cosign/pkg/cosign/testdata/trusted_root_pgi.json"));
        byte[] image =
                java.util.HexFormat.of().parseHex("732112270d7e59418a8c080b134b24cabd67d250d0d0147a97ed95ba5c280aa4");
        IdentityPolicy cody = IdentityPolicy.of("cody@soyland.com", null, "https://github.com/login/oauth", null);
        KeylessCheck ok = KeylessBundles.verifyDigest("oci-attestation", bundle, image, root, cody);
        assertThat(ok.valid()).as(ok.reason()).isTrue();
        assertThat(ok.identity()).isEqualTo("cody@soyland.com");
        byte[] other = image.clone();
        other[0] ^= 1;
        assertThat(KeylessBundles.verifyDigest("oci-attestation", bundle, other, root, cody)
                        .valid())
                .isFalse();
    }
}
