package dev.vouch.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vouch.layer.EntryKind;
import dev.vouch.layer.LayerEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Python core metadata: unpacked eggs, keys in any case, the first Version, and the interpreter's own record. */
class PythonMetadataTest {
    static List<String> read(String path, String metadata) throws Exception {
        return new PythonCataloger()
                .read(path, new ByteArrayInputStream(metadata.getBytes(StandardCharsets.UTF_8))).packages().stream()
                        .map(p -> p.purl() + " " + p.licenses())
                        .toList();
    }

    static LayerEntry file(String path) {
        return new LayerEntry(path, EntryKind.FILE, 0644, 0, 0, 100, null);
    }

    @Test
    void anUnpackedEggIsRead() throws Exception {
        String path = "usr/lib/python3/site-packages/six-1.16.0-py3.11.egg/EGG-INFO/PKG-INFO";
        assertThat(new PythonCataloger().wants(file(path))).isTrue();
        assertThat(read(path, "Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\nLicense: MIT\n"))
                .containsExactly("pkg:pypi/six@1.16.0 [MIT]");
        assertThat(new PythonCataloger().wants(file("srv/EGG-INFO/PKG-INFO"))).isFalse();
    }

    @Test
    void keysInAnyCaseAndTheFirstVersionWins() throws Exception {
        assertThat(
                        read(
                                "x/Foo_Bar.egg-info/PKG-INFO",
                                "metadata-version: 1.0\nNAME: Foo_Bar\nversion: 2.0\nVersion: 3.0\nlicense: BSD\n\nVersion: 9\n"))
                .containsExactly("pkg:pypi/foo-bar@2.0 [BSD]");
    }

    @Test
    void theInterpretersOwnEggInfoIsNotAPackage() throws Exception {
        assertThat(read(
                        "usr/local/lib/python3.12/lib-dynload/Python-3.12.1.egg-info",
                        "Metadata-Version: 1.0\nName: Python\nVersion: 3.12.1\nSummary: interpreter\n"))
                .isEmpty();
    }
}
