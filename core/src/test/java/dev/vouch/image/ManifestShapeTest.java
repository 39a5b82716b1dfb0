package dev.vouch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vouch.error.InvalidInputException;
import dev.vouch.io.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Descriptors a manifest or index cannot do without are refused in one line, not met later as a null. */
class ManifestShapeTest {
    static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,"
            + "\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\"}";
    static final String LAYER_DIGEST = "sha256:" + "ab".repeat(32);

    static Manifest manifest(String layers) {
        return Json.read(
                ("{\"schemaVersion\":2,\"config\":" + CONFIG + ",\"layers\":" + layers + "}")
                        .getBytes(StandardCharsets.UTF_8),
                Manifest.class,
                "manifest m");
    }

    @Test
    void aLayerWithoutMediaTypeOrANullLayerIsRefused() {
        assertThatThrownBy(() -> manifest("[{\"digest\":\"" + LAYER_DIGEST + "\",\"size\":1}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("manifest m: layers[0] (" + LAYER_DIGEST + ") has no mediaType");
        assertThatThrownBy(() -> manifest("[null]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("manifest m: layers[0] is null, not a descriptor");
        assertThatThrownBy(() -> Json.read(
                        "{\"schemaVersion\":2,\"manifests\":[null]}".getBytes(StandardCharsets.UTF_8),
                        ImageIndex.class,
                        "index i"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("index i: manifests lists null, not a descriptor");
    }

    @Test
    void aLayerWithItsMediaTypeIsRead() {
        Manifest m = manifest("[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
                + LAYER_DIGEST + "\",\"size\":1}]");
        assertThat(m.layers()).extracting(Descriptor::mediaType).containsExactly(MediaTypes.OCI_LAYER_GZIP);
        assertThat(MediaTypes.isForeignLayer(null)).isFalse();
    }
}
