package dev.vouch.sign;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.SharedCorpora;
import dev.vouch.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

/**
 * Signatures as the registry or a lookaside store hands them over: Sigstore bundles (certificate and managed-key),
 * cosign's legacy certificate annotations, cosign key files, and GPG simple signatures with their key files. Each
 * reader returns a check that says why it failed, or a one-line input error; nothing else may escape.
 */
class SignatureFormatsFuzzTest {
    private static final byte[] ARTIFACT = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    private static final Digest IMAGE = Digest.sha256(ARTIFACT);
    private static final KeyPair KEY = CosignKeys.generate();
    private static final IdentityPolicy ANYONE = IdentityPolicy.of(null, ".*", null, ".*");

    private static KeylessBundles.TrustedRoot root() throws java.io.IOException {
        return KeylessBundles.TrustedRoot.read(
                SharedCorpora.path("sigstore/sigstore-go/examples/trusted-root-public-good.json"));
    }

    @FuzzTest
    void sigstoreBundle(FuzzedDataProvider data) throws Exception {
        KeylessBundles.TrustedRoot root = root();
        String bundle = data.consumeRemainingAsString();
        Fuzzing.declared(() -> {
            KeylessBundles.verify("bundle", bundle, ARTIFACT, root, ANYONE);
            if (ManagedKeyBundles.isManagedKey(bundle)) {
                ManagedKeyBundles.verify(
                        "bundle",
                        bundle,
                        ARTIFACT,
                        new SignatureVerifier.NamedKey("cosign.pub", KEY.getPublic()),
                        root);
            }
        });
    }

    @FuzzTest
    void legacyCertificateAnnotations(FuzzedDataProvider data) throws Exception {
        KeylessBundles.TrustedRoot root = root();
        String certificate = data.consumeString(4096);
        String chain = data.consumeString(4096);
        String bundle = data.consumeString(4096);
        String signature = data.consumeString(512);
        byte[] payload = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> LegacyKeylessVerifier.verify(
                "signature",
                payload,
                signature,
                Map.of(
                        CosignKeylessLayer.CERTIFICATE, certificate,
                        CosignKeylessLayer.CHAIN, chain,
                        CosignKeylessLayer.BUNDLE, bundle),
                root,
                ANYONE));
    }

    @FuzzTest
    void cosignKeyFiles(FuzzedDataProvider data) {
        String pem = data.consumeRemainingAsString();
        Fuzzing.declared(() -> CosignKeys.readPublic(pem, "cosign.pub"));
        Fuzzing.declared(() -> CosignKeys.readPrivate(pem, "cosign.key", () -> "pass".toCharArray()));
    }

    @FuzzTest
    void gpgSignatureAndKeys(FuzzedDataProvider data) throws Exception {
        boolean keyFile = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        var keys = GpgSimpleSigning.keys(
                java.nio.file.Files.readAllBytes(
                        SharedCorpora.path("sigstore/containers-image/signature/fixtures/public-key-1.gpg")),
                "public-key-1.gpg");
        Fuzzing.declared(() -> {
            if (keyFile) {
                GpgSimpleSigning.keys(bytes, "keys.gpg");
            } else {
                GpgSimpleSigning.check("signature-1", bytes, keys, List.of(IMAGE), "docker.io/library/busybox");
            }
        });
    }
}
