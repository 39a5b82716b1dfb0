package dev.vouch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Sigstore client conformance suite's bundle-verify cases (../shared/corpora/sigstore/conformance, 70 cases:
 * 21 should verify, 49 should not) through {@code vouch verify-blob}: every "_fail" case fails; every other case
 * verifies (managed-key bundles with {@code --key}), except the two sigstore-java 2.0 cannot read yet (listed, so
 * that this test notices when they start to work).
 */
class SigstoreConformanceTest {
    private static final String IDENTITY =
            "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/"
                    + ".github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";

    /** Bundles sigstore-java 2.0 rejects: DSSE entries of a kind it cannot parse (intoto v0.0.2, Rekor v2 dsse). */
    private static final Set<String> LIBRARY_GAPS = Set.of("intoto-with-custom-trust-root", "rekor2-dsse-happy-path");

    @Test
    void everyCaseEndsAsTheSuiteSays() throws Exception {
        Path suite = Fixtures.corpus("sigstore/conformance");
        Path cases = suite.resolve("test/assets/bundle-verify");
        Path publicGood = Fixtures.corpus("sigstore/sigstore-go/examples/trusted-root-public-good.json");
        List<Path> dirs;
        try (var list = Files.list(cases)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        int passed = 0;
        int failed = 0;
        List<String> wrong = new ArrayList<>();
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Path root = Files.exists(dir.resolve("trusted_root.json")) ? dir.resolve("trusted_root.json") : publicGood;
            Path artifact = Files.exists(dir.resolve("artifact")) ? dir.resolve("artifact") : cases.resolve("a.txt");
            String identity = Files.exists(dir.resolve("identity"))
                    ? Files.readString(dir.resolve("identity")).strip()
                    : IDENTITY;
            String issuer = Files.exists(dir.resolve("issuer"))
                    ? Files.readString(dir.resolve("issuer")).strip()
                    : ISSUER;
            // a case with a key.pub verifies with that managed key, the others with the certificate's identity
            boolean withKey = Files.exists(dir.resolve("key.pub"));
            Cli.Result r = withKey
                    ? Cli.run(
                            "verify-blob",
                            artifact.toString(),
                            "--bundle",
                            dir.resolve("bundle.sigstore.json").toString(),
                            "--key",
                            dir.resolve("key.pub").toString(),
                            "--trusted-root",
                            root.toString())
                    : Cli.run(
                            "verify-blob",
                            artifact.toString(),
                            "--bundle",
                            dir.resolve("bundle.sigstore.json").toString(),
                            "--certificate-identity",
                            identity,
                            "--certificate-oidc-issuer",
                            issuer,
                            "--trusted-root",
                            root.toString());
            boolean verified = r.code() == 0;
            // a failure is an answer (exit 1) or a refused input (exit 2), never a crash
            assertThat(r.err()).as(name).doesNotContain("Exception in").doesNotContain("\tat ");
            boolean shouldPass = !name.endsWith("_fail");
            if (verified) {
                passed++;
            } else {
                failed++;
            }
            boolean expected = shouldPass && !LIBRARY_GAPS.contains(name);
            if (verified != expected) {
                wrong.add(name
                        + (verified
                                ? " verified"
                                : " did not verify: " + r.out().strip()
                                        + r.err().strip()));
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(passed + failed).isEqualTo(70);
        assertThat(passed).isEqualTo(19); // 21 should, 2 are the library's gaps
    }
}
