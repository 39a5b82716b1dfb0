package dev.vouch.layer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vouch.Fuzzing;
import dev.vouch.kube.Manifests;
import dev.vouch.sign.SimpleSigning;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Layer tarballs as the layer scanner reads them (the header guard in front of commons-compress, entry names
 * normalized, every entry's bytes read), Kubernetes and compose YAML as {@code vouch manifests} checks it, and
 * cosign's simple-signing payloads.
 */
class TarFuzzTest {
    @FuzzTest
    void layerTar(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> {
            TarHeaderGuard guard = new TarHeaderGuard(new ByteArrayInputStream(bytes), "layer 0", 10_000);
            TarArchiveInputStream tar =
                    new TarArchiveInputStream(new BufferedInputStream(guard, 1 << 16), StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                EntryNames.normalize(e.getName());
                if (e.isSymbolicLink() || e.isLink()) {
                    EntryNames.normalizeLinkTarget(e.getLinkName());
                }
                tar.readAllBytes();
            }
        });
    }

    @FuzzTest
    void kubernetesAndCompose(FuzzedDataProvider data) {
        String name = data.pickValue(new String[] {"deploy.yaml", "compose.yaml", "pod.json"});
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> Manifests.check(bytes, name));
    }

    @FuzzTest
    void simpleSigningPayload(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzzing.declared(() -> SimpleSigning.parse(bytes, "payload"));
    }
}
